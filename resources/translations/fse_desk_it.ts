<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="it_IT">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="23" />
        <source>FSE Desk</source>
        <translation>FSE Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="38" />
        <source>Sync now</source>
        <translation>Sincronizza ora</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="40" />
        <source>Fetch what is new in the regional FSE (F5)</source>
        <translation>Scarica le novità dal FSE regionale (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42" />
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>Sync</source>
        <translation>Sincronizzazione</translation>
    </message>
</context>
<context>
    <name>PatientBanner</name>
    <message>
        <location filename="../../ui/patient_banner.py" line="35" />
        <source>No patient selected</source>
        <translation>Nessun assistito selezionato</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="36" />
        <source>Search an assistito on the left and select them.</source>
        <translation>Cerca un assistito nell'elenco a sinistra e selezionalo.</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="39" />
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="39" />
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="41" />
        <source>CF {cf} · {age} years · sex {sex} · born {date}</source>
        <translation>CF {cf} · {age} anni · sesso {sex} · nato/a il {date}</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="48" />
        <source> in {place}</source>
        <translation> a {place}</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="52" />
        <source>FSE consultation consent given</source>
        <translation>Consenso alla consultazione FSE: sì</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="54" />
        <source>No consent to FSE consultation</source>
        <translation>Nessun consenso alla consultazione FSE</translation>
    </message>
    <message>
        <location filename="../../ui/patient_banner.py" line="56" />
        <source>FSE consultation consent unknown</source>
        <translation>Consenso alla consultazione FSE: non noto</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="47" />
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="47" />
        <source>Codice fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="47" />
        <source>Born</source>
        <translation>Nascita</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="61" />
        <source>{date} ({age} y)</source>
        <translation>{date} ({age} anni)</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="66" />
        <source>No consent to FSE consultation</source>
        <translation>Nessun consenso alla consultazione FSE</translation>
    </message>
</context>
<context>
    <name>PatientListWidget</name>
    <message>
        <location filename="../../ui/patient_list.py" line="31" />
        <source>Search by name or codice fiscale</source>
        <translation>Cerca per nome o codice fiscale</translation>
    </message>
    <message>
        <location filename="../../ui/patient_list.py" line="56" />
        <source>Assistiti</source>
        <translation>Assistiti</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/patient_list.py" line="77" />
        <source>%n found</source>
        <translation><numerusform>%n trovato</numerusform><numerusform>%n trovati</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/patient_list.py" line="79" />
        <source>%n assistiti in the cache</source>
        <translation><numerusform>%n assistito in cache</numerusform><numerusform>%n assistiti in cache</numerusform></translation>
    </message>
</context>
<context>
    <name>PatientWorkspace</name>
    <message>
        <location filename="../../ui/patient_workspace.py" line="36" />
        <source>This patient has not consented to the consultation of their FSE: no FSE document is shown.</source>
        <translation>L'assistito non ha dato il consenso alla consultazione del proprio FSE: nessun documento del fascicolo viene mostrato.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/patient_workspace.py" line="45" />
        <source>%n FSE documents in the offline cache, the latest of {date}.</source>
        <translation><numerusform>%n documento FSE nella cache offline, del {date}.</numerusform><numerusform>%n documenti FSE nella cache offline, il più recente del {date}.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="51" />
        <source>No FSE documents in the offline cache.</source>
        <translation>Nessun documento FSE nella cache offline.</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <location filename="../../ui/status_area.py" line="25" />
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="29" />
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="31" />
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="34" />
        <source>Built-in demonstration FSE: synthetic patients, no real data.</source>
        <translation>FSE dimostrativo integrato: assistiti sintetici, nessun dato reale.</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="42" />
        <source>No system keyring: the key of this demo cache is kept in a file beside it.</source>
        <translation>Nessun portachiavi di sistema: la chiave di questa cache dimostrativa è in un file accanto alla cache.</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="62" />
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="64" />
        <source>Connecting…</source>
        <translation>Connessione…</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="66" />
        <source>Online</source>
        <translation>In linea</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="68" />
        <source>Offline since {when}</source>
        <translation>Non in linea dal {when}</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="73" />
        <source>Offline</source>
        <translation>Non in linea</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="79" />
        <source>Last sync: {when}</source>
        <translation>Ultima sincronizzazione: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="81" />
        <source>Never synced</source>
        <translation>Mai sincronizzato</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_area.py" line="83" />
        <source>Outbox: %n to send</source>
        <translation><numerusform>In uscita: %n da inviare</numerusform><numerusform>In uscita: %n da inviare</numerusform></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="38" />
        <source>Opening FSE Desk…</source>
        <translation>Apertura di FSE Desk…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="39" />
        <location filename="../../ui/app.py" line="59" />
        <source>FSE Desk</source>
        <translation>FSE Desk</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="22" />
        <source>No system keyring is available, so FSE Desk cannot protect the key of the local cache and will not keep real patient data. Install and unlock a keyring (GNOME Keyring, KWallet, Windows or macOS keychain) and start again.</source>
        <translation>Nessun portachiavi di sistema disponibile: FSE Desk non può proteggere la chiave della cache locale e non conserverà dati reali degli assistiti. Installa e sblocca un portachiavi (GNOME Keyring, KWallet, Portachiavi di Windows o macOS) e riavvia.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="28" />
        <source>The key of the local cache is missing from the system keyring. The cache was not touched. Restore the keyring or call support.</source>
        <translation>La chiave della cache locale non è più nel portachiavi di sistema. La cache non è stata toccata. Ripristina il portachiavi o chiama l'assistenza.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33" />
        <source>The key does not open the encrypted local cache. The file was not changed. Check that you are using the right profile, or call support.</source>
        <translation>La chiave non apre la cache locale cifrata. Il file non è stato modificato. Verifica di usare il profilo giusto o chiama l'assistenza.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38" />
        <source>The local cache is in use by another FSE Desk window. Close it and try again.</source>
        <translation>La cache locale è in uso da un'altra finestra di FSE Desk. Chiudila e riprova.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="42" />
        <source>The local cache cannot be written (read-only disk or folder). Data already saved is safe. Check the permissions and try again.</source>
        <translation>Impossibile scrivere nella cache locale (disco o cartella in sola lettura). I dati già salvati sono al sicuro. Controlla i permessi e riprova.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47" />
        <source>The disk is full: nothing more can be saved in the local cache. Data already saved is safe. Free some space and try again.</source>
        <translation>Il disco è pieno: non si può salvare altro nella cache locale. I dati già salvati sono al sicuro. Libera spazio e riprova.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="52" />
        <source>The local cache could not be upgraded; nothing was changed. Call support.</source>
        <translation>Non è stato possibile aggiornare la cache locale; nulla è stato modificato. Chiama l'assistenza.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55" />
        <source>The local cache reported an error. Data already saved is safe. Restart FSE Desk; if it happens again, call support.</source>
        <translation>La cache locale ha segnalato un errore. I dati già salvati sono al sicuro. Riavvia FSE Desk; se si ripete, chiama l'assistenza.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="60" />
        <source>Cannot reach the FSE server. Check the connection and try again; meanwhile you keep working on the cached data.</source>
        <translation>Impossibile contattare il server FSE. Controlla la connessione e riprova; intanto puoi lavorare sui dati in cache.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="65" />
        <source>The FSE server did not answer in time. Try again shortly; meanwhile you keep working on the cached data.</source>
        <translation>Il server FSE non ha risposto in tempo. Riprova tra poco; intanto puoi lavorare sui dati in cache.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="70" />
        <source>The FSE server refused the credentials. Check the operator certificate in the configuration.</source>
        <translation>Il server FSE ha rifiutato le credenziali. Controlla il certificato dell'operatore nella configurazione.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="75" />
        <source>The requested item no longer exists on the FSE server.</source>
        <translation>L'elemento richiesto non esiste più sul server FSE.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="78" />
        <source>The FSE server answered with an error. Try again; if it happens again, call support.</source>
        <translation>Il server FSE ha risposto con un errore. Riprova; se si ripete, chiama l'assistenza.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="82" />
        <source>Communication with the FSE server failed. Try again later.</source>
        <translation>La comunicazione con il server FSE non è riuscita. Riprova più tardi.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85" />
        <source>The configuration is not valid. Fix the configuration file (see the README) and start again.</source>
        <translation>La configurazione non è valida. Correggi il file di configurazione (vedi il README) e riavvia.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="90" />
        <source>Operation cancelled.</source>
        <translation>Operazione annullata.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="91" />
        <source>Something went wrong. Try again; if it happens again, call support.</source>
        <translation>Qualcosa non ha funzionato. Riprova; se si ripete, chiama l'assistenza.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="94" />
        <source>Unexpected error. Try again; if it happens again, call support. The details are in the log.</source>
        <translation>Errore imprevisto. Riprova; se si ripete, chiama l'assistenza. I dettagli sono nel registro.</translation>
    </message>
</context>
</TS>