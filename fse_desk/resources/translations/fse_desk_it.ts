<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="31"/>
        <source>About FSE Desk</source>
        <translation>Informazioni su FSE Desk</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="33"/>
        <source>FSE Desk, version {version}</source>
        <translation>FSE Desk, versione {version}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="38"/>
        <source>Licence: {licence}</source>
        <translation>Licenza: {licence}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="39"/>
        <source>FSE Desk includes these third-party components:</source>
        <translation>FSE Desk comprende questi componenti di terze parti:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="43"/>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="43"/>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="43"/>
        <source>Licence</source>
        <translation>Licenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="45"/>
        <source>not stated by the package</source>
        <translation>non indicata dal pacchetto</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="88"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="101"/>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="105"/>
        <source>Week</source>
        <translation>Settimana</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="106"/>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="108"/>
        <source>Whole team</source>
        <translation>Tutta l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="123"/>
        <source>Arrived</source>
        <translation>Arrivato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="124"/>
        <source>No-show</source>
        <translation>Non presentato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="125"/>
        <source>Start televisit</source>
        <translation>Avvia televisita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="132"/>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="148"/>
        <source>Today&apos;s remote visits</source>
        <translation>Visite a distanza di oggi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="284"/>
        <source>Week {first} – {last}</source>
        <translation>Settimana {first} – {last}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="304"/>
        <source>%n time(s) you booked were taken by another workstation first. Nothing was overwritten: choose what to do.</source>
        <translation>
            <numerusform>%n orario che hai prenotato è stato preso prima da un&apos;altra postazione. Nulla è stato sovrascritto: scegli cosa fare.</numerusform>
            <numerusform>%n orari che hai prenotato sono stati presi prima da un&apos;altra postazione. Nulla è stato sovrascritto: scegli cosa fare.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="326"/>
        <source>Time taken by another workstation</source>
        <translation>Orario già preso da un&apos;altra postazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="328"/>
        <source>Your booking:
{mine}

The booking already on the FSE:
{theirs}</source>
        <translation>La tua prenotazione:
{mine}

La prenotazione già sul FSE:
{theirs}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="332"/>
        <source>Keep both</source>
        <translation>Tieni entrambe</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="333"/>
        <source>Cancel mine</source>
        <translation>Disdici la mia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/agenda_view.py" line="334"/>
        <source>Decide later</source>
        <translation>Decidi più tardi</translation>
    </message>
</context>
<context>
    <name>AgpWidget</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/agp_view.py" line="31"/>
        <source>hour of day</source>
        <translation>ora del giorno</translation>
    </message>
</context>
<context>
    <name>AlertInbox</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="62"/>
        <source>Alert inbox</source>
        <translation>Allarmi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="79"/>
        <source>Filter by patient, parameter, rule…</source>
        <translation>Filtra per paziente, parametro, regola…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="83"/>
        <source>All</source>
        <translation>Tutti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="84"/>
        <source>New</source>
        <translation>Nuovi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="85"/>
        <source>In charge</source>
        <translation>In carico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="86"/>
        <source>Closed</source>
        <translation>Chiusi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="90"/>
        <source>Take charge</source>
        <translation>Prendi in carico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="91"/>
        <source>Assign…</source>
        <translation>Assegna…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="92"/>
        <source>Add note…</source>
        <translation>Aggiungi nota…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="93"/>
        <source>Close…</source>
        <translation>Chiudi…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="94"/>
        <source>Open chart</source>
        <translation>Apri grafico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="134"/>
        <source>Evaluating the rules…</source>
        <translation>Valutazione delle regole…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="157"/>
        <source>%n alarm(s)</source>
        <translation>
            <numerusform>%n allarme</numerusform>
            <numerusform>%n allarmi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="191"/>
        <source>took charge</source>
        <translation>ha preso in carico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="192"/>
        <source>assigned to {who}</source>
        <translation>ha assegnato a {who}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="193"/>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="194"/>
        <source>closed: {outcome}</source>
        <translation>ha chiuso: {outcome}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="208"/>
        <source>Conflict: {a} and {b} acted on this alarm from two workstations without seeing each other. Agree who follows it, then take charge or assign.</source>
        <translation>Conflitto: {a} e {b} hanno agito su questo allarme da due postazioni senza vedersi. Accordatevi su chi lo segue, poi prendetelo in carico o assegnatelo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="213"/>
        <source>No action yet.</source>
        <translation>Nessuna azione finora.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="217"/>
        <source>called the patient</source>
        <translation>paziente contattato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="218"/>
        <source>changed therapy</source>
        <translation>terapia modificata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="219"/>
        <source>booked a visit</source>
        <translation>visita prenotata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="220"/>
        <source>no action needed</source>
        <translation>nessuna azione necessaria</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="246"/>
        <source>Assign</source>
        <translation>Assegna</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="246"/>
        <source>Team member:</source>
        <translation>Componente dell&apos;équipe:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="251"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="251"/>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="259"/>
        <source>Close alarm</source>
        <translation>Chiudi allarme</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_view.py" line="259"/>
        <source>Outcome:</source>
        <translation>Esito:</translation>
    </message>
</context>
<context>
    <name>AnswersRow</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/answers_row.py" line="30"/>
        <source>Save answer</source>
        <translation>Salva risposta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/answers_row.py" line="34"/>
        <source>Answer of</source>
        <translation>Risposta di</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/answers_row.py" line="47"/>
        <source>the patient</source>
        <translation>il paziente</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="55"/>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="252"/>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="261"/>
        <source>Book a visit</source>
        <translation>Prenota una visita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="77"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="80"/>
        <source>CUP booking code, if any</source>
        <translation>Codice di prenotazione CUP, se presente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="81"/>
        <source>Repeat every</source>
        <translation>Ripeti ogni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="85"/>
        <source> weeks</source>
        <translation> settimane</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="89"/>
        <source>for </source>
        <translation>per </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="90"/>
        <source> months</source>
        <translation> mesi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="95"/>
        <source>Any time</source>
        <translation>Qualsiasi orario</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="96"/>
        <source>Mornings</source>
        <translation>Mattina</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="97"/>
        <source>Afternoons</source>
        <translation>Pomeriggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="98"/>
        <source>Find free times (next 2 weeks)</source>
        <translation>Trova orari liberi (prossime 2 settimane)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="106"/>
        <source>The patient gives informed consent to telemedicine (recorded on the FSE)</source>
        <translation>Il paziente dà il consenso informato alla telemedicina (registrato sul FSE)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="112"/>
        <source>Book anyway: I have seen the conflicts</source>
        <translation>Prenota comunque: ho visto i conflitti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="117"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="118"/>
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="119"/>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="120"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="121"/>
        <source>CUP code</source>
        <translation>Codice CUP</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="122"/>
        <source>Follow-ups</source>
        <translation>Controlli successivi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="126"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="131"/>
        <source>Book</source>
        <translation>Prenota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="134"/>
        <source>Add to waiting list</source>
        <translation>Metti in lista d&apos;attesa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="143"/>
        <source>Free times for everyone:</source>
        <translation>Orari liberi per tutti:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="145"/>
        <source>Checks of each appointment:</source>
        <translation>Verifica di ogni appuntamento:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/booking_dialog.py" line="203"/>
        <source>No common free time: try another part of the day.</source>
        <translation>Nessun orario libero in comune: prova un&apos;altra fascia della giornata.</translation>
    </message>
</context>
<context>
    <name>CertificateSummary</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="82"/>
        <source>Enter the passphrase to see whose certificate this is.</source>
        <translation>Inserisci la passphrase per vedere di chi è il certificato.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="87"/>
        <source>This file holds no readable certificate: choose the certificate file.</source>
        <translation>Questo file non contiene un certificato leggibile: scegli il file del certificato.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="90"/>
        <source>Holder: {subject} — issued by {issuer} — valid until {end}</source>
        <translation>Titolare: {subject} — emesso da {issuer} — valido fino al {end}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="95"/>
        <source>It expires in {days} days: ask the certification authority for a new one now.</source>
        <translation>Scade tra {days} giorni: chiedine subito uno nuovo all&apos;autorità di certificazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="98"/>
        <source>It has expired: the region will refuse it. Ask for a new one.</source>
        <translation>È scaduto: la regione lo rifiuterà. Chiedine uno nuovo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="101"/>
        <source>It is not valid yet: check this computer&apos;s date and time.</source>
        <translation>Non è ancora valido: controlla data e ora di questo computer.</translation>
    </message>
</context>
<context>
    <name>ClientCertificateRows</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="59"/>
        <source>Authentication certificate</source>
        <translation>Certificato di autenticazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="65"/>
        <source>Its private key</source>
        <translation>La sua chiave privata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="68"/>
        <source>only if the key is protected by a passphrase</source>
        <translation>solo se la chiave è protetta da una passphrase</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="70"/>
        <source>The passphrase is kept in the system keyring, never in the file.</source>
        <translation>La passphrase è custodita nel portachiavi di sistema, mai nel file.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="73"/>
        <source>Key passphrase</source>
        <translation>Passphrase della chiave</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="105"/>
        <source>This certificate has expired: the region will refuse it.</source>
        <translation>Questo certificato è scaduto: la regione lo rifiuterà.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="108"/>
        <source>The key does not open with this passphrase, or it is not the key of this certificate.</source>
        <translation>La chiave non si apre con questa passphrase, oppure non è la chiave di questo certificato.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="130"/>
        <source>Conflict: {what}</source>
        <translation>Conflitto: {what}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="134"/>
        <source>Someone changed this record on the FSE after you edited it. Nothing was overwritten. Choose which version to keep.</source>
        <translation>Qualcuno ha modificato questo dato sul FSE dopo la tua modifica. Nulla è stato sovrascritto. Scegli quale versione tenere.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="145"/>
        <source>Your version</source>
        <translation>La tua versione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="146"/>
        <source>Version on the FSE</source>
        <translation>Versione sul FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="152"/>
        <source>Keep mine</source>
        <translation>Tieni la mia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="153"/>
        <source>Use the FSE version</source>
        <translation>Usa la versione del FSE</translation>
    </message>
</context>
<context>
    <name>ConnectionTexts</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="18"/>
        <source>Connected: the server answers as a FHIR R4 server{software}.</source>
        <translation>Connesso: il server risponde come server FHIR R4{software}.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="21"/>
        <source>The address is not valid: it must start with https:// and contain no user name or password.</source>
        <translation>L&apos;indirizzo non è valido: deve iniziare con https:// e non contenere nome utente o password.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="26"/>
        <source>Our authentication certificate cannot be used: check that the key file belongs to the certificate and that the key&apos;s passphrase is right.</source>
        <translation>Il nostro certificato di autenticazione non è utilizzabile: controlla che il file della chiave appartenga al certificato e che la passphrase della chiave sia corretta.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="31"/>
        <source>Our authentication certificate has expired (or is not valid yet): ask the certification authority for a new one, and check this computer&apos;s date.</source>
        <translation>Il nostro certificato di autenticazione è scaduto (o non è ancora valido): chiedine uno nuovo all&apos;autorità di certificazione e controlla la data di questo computer.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="36"/>
        <source>The file chosen as the region&apos;s CA certificate holds no certificate: choose the CA file the region gave (usually .pem or .crt).</source>
        <translation>Il file scelto come certificato della CA della regione non contiene un certificato: scegli il file della CA fornito dalla regione (di solito .pem o .crt).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="41"/>
        <source>The server name does not exist for this computer (DNS): check the address for typing mistakes, and whether the region&apos;s network needs a VPN.</source>
        <translation>Il nome del server non esiste per questo computer (DNS): controlla che l&apos;indirizzo non contenga errori di battitura e se la rete della regione richiede una VPN.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="46"/>
        <source>The server is down, or nothing answers on that port: check the port in the address, then ask the region whether the service is up.</source>
        <translation>Il server è spento, oppure su quella porta non risponde nulla: controlla la porta nell&apos;indirizzo, poi chiedi alla regione se il servizio è attivo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="51"/>
        <source>No answer in time: a firewall or proxy may be blocking the connection, or the server is overloaded. Check the practice&apos;s firewall, then try again.</source>
        <translation>Nessuna risposta in tempo: un firewall o un proxy potrebbe bloccare la connessione, oppure il server è sovraccarico. Controlla il firewall dello studio, poi riprova.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="56"/>
        <source>The server&apos;s certificate is issued by an authority this computer does not trust: choose the region&apos;s CA certificate file (ask the region for it).</source>
        <translation>Il certificato del server è emesso da un&apos;autorità di cui questo computer non si fida: scegli il file del certificato della CA della regione (chiedilo alla regione).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="61"/>
        <source>The server&apos;s certificate is for another name than the one in the address: use the exact host name the region gave, not an IP address or an alias.</source>
        <translation>Il certificato del server è intestato a un nome diverso da quello dell&apos;indirizzo: usa esattamente il nome host indicato dalla regione, non un indirizzo IP o un alias.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="66"/>
        <source>The server&apos;s certificate has expired (or is not valid yet): check this computer&apos;s date and time; if they are right, tell the region.</source>
        <translation>Il certificato del server è scaduto (o non è ancora valido): controlla data e ora di questo computer; se sono giuste, avvisa la regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="71"/>
        <source>The secure connection (TLS) failed: the server and this computer share no TLS version or cipher, or a proxy is interfering.</source>
        <translation>La connessione sicura (TLS) non è riuscita: il server e questo computer non hanno una versione TLS o una cifratura in comune, oppure un proxy interferisce.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="76"/>
        <source>The server refused our authentication certificate (or needs one): choose the certificate the region issued to this practice, with its key.</source>
        <translation>Il server ha rifiutato il nostro certificato di autenticazione (o ne richiede uno): scegli il certificato che la regione ha rilasciato a questo studio, con la sua chiave.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="81"/>
        <source>The server closed the connection without answering: check the address and the port, and any proxy between this computer and the region.</source>
        <translation>Il server ha chiuso la connessione senza rispondere: controlla indirizzo e porta ed eventuali proxy tra questo computer e la regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="86"/>
        <source>The server refused access (HTTP {status}): the certificate is not enabled for this service. Ask the region to enable it.</source>
        <translation>Il server ha negato l&apos;accesso (HTTP {status}): il certificato non è abilitato a questo servizio. Chiedi alla regione di abilitarlo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="91"/>
        <source>The server answers, but there is no FHIR service at this address (HTTP 404): check the path after the host name (for example /fhir).</source>
        <translation>Il server risponde, ma a questo indirizzo non c&apos;è un servizio FHIR (HTTP 404): controlla il percorso dopo il nome host (per esempio /fhir).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="96"/>
        <source>The server has an internal error (HTTP {status}): try again later; if it persists, tell the region.</source>
        <translation>Il server ha un errore interno (HTTP {status}): riprova più tardi; se continua, avvisa la regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="101"/>
        <source>The server answered with an unexpected error (HTTP {status}): check the address with the region.</source>
        <translation>Il server ha risposto con un errore inatteso (HTTP {status}): verifica l&apos;indirizzo con la regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="106"/>
        <source>The address answers, but not as a FHIR server: check that it is the FHIR base address the region gave, not a web page.</source>
        <translation>L&apos;indirizzo risponde, ma non come un server FHIR: controlla che sia l&apos;indirizzo base FHIR indicato dalla regione e non una pagina web.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="111"/>
        <source>The server speaks FHIR {version}, but FSE Desk needs FHIR R4 (4.0): check the address with the region.</source>
        <translation>Il server usa FHIR {version}, ma FSE Desk richiede FHIR R4 (4.0): verifica l&apos;indirizzo con la regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/connection_texts.py" line="122"/>
        <source>Connected: the gateway accepts our certificate.</source>
        <translation>Connesso: il gateway accetta il nostro certificato.</translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="40"/>
        <source>Consent to telemedicine: not recorded</source>
        <translation>Consenso alla telemedicina: non registrato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="44"/>
        <source>Consent to telemedicine: given on {date}</source>
        <translation>Consenso alla telemedicina: dato il {date}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="46"/>
        <source>Consent to telemedicine: withdrawn on {date}</source>
        <translation>Consenso alla telemedicina: revocato il {date}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="49"/>
        <source>Withdraw consent…</source>
        <translation>Revoca consenso…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="49"/>
        <source>Record consent…</source>
        <translation>Registra consenso…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="60"/>
        <source>Record that the patient gives informed consent to telemedicine?</source>
        <translation>Registrare che il paziente dà il consenso informato alla telemedicina?</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="63"/>
        <source>Record that the patient withdraws consent to telemedicine? Televisits will no longer be booked or started.</source>
        <translation>Registrare che il paziente revoca il consenso alla telemedicina? Non si potranno più prenotare né avviare televisite.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/consent_row.py" line="67"/>
        <source>Consent to telemedicine</source>
        <translation>Consenso alla telemedicina</translation>
    </message>
</context>
<context>
    <name>DocumentReader</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="109"/>
        <source>Open images</source>
        <translation>Apri immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="181"/>
        <source>Select a document and press Enter to read it.</source>
        <translation>Seleziona un documento e premi Invio per leggerlo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="134"/>
        <source>Analyte</source>
        <translation>Analita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="135"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="136"/>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="137"/>
        <source>Reference range</source>
        <translation>Intervallo di riferimento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="138"/>
        <source>Flag</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="149"/>
        <source>Chart over time</source>
        <translation>Andamento nel tempo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="151"/>
        <source>Chart the selected analyte across all the patient&apos;s lab reports</source>
        <translation>Mostra l&apos;andamento dell&apos;analita selezionato in tutti i referti di laboratorio dell&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="188"/>
        <source>Opening the document…</source>
        <translation>Apertura del documento…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="207"/>
        <source>Document: {title} ({kind}) of {date}</source>
        <translation>Documento: {title} ({kind}) del {date}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="212"/>
        <source>Author: {author}</source>
        <translation>Autore: {author}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="214"/>
        <source>Issued by: {facility}</source>
        <translation>Emesso da: {facility}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="223"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="226"/>
        <source>Results</source>
        <translation>Risultati</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="228"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="233"/>
        <source>Imaging study: {uid}</source>
        <translation>Studio di diagnostica per immagini: {uid}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="238"/>
        <source>This kind of document cannot be shown here.</source>
        <translation>Questo tipo di documento non può essere visualizzato qui.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="249"/>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="250"/>
        <source>Very high</source>
        <translation>Molto alto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="251"/>
        <source>Low</source>
        <translation>Basso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="252"/>
        <source>Very low</source>
        <translation>Molto basso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/reader.py" line="253"/>
        <source>Abnormal</source>
        <translation>Anomalo</translation>
    </message>
</context>
<context>
    <name>EditLauncher</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="78"/>
        <source>Discard draft…</source>
        <translation>Elimina bozza…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="107"/>
        <source>The draft you were editing could not be saved.</source>
        <translation>Non è stato possibile salvare la bozza che stavi modificando.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="120"/>
        <source>New version</source>
        <translation>Nuova versione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="122"/>
        <source>Write a new version of the PSS, starting from the current one</source>
        <translation>Scrivi una nuova versione del PSS a partire da quella attuale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="126"/>
        <source>Resume draft (saved {when})</source>
        <translation>Riprendi la bozza (salvata {when})</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="128"/>
        <source>Go on with the draft you left</source>
        <translation>Continua la bozza lasciata in sospeso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="138"/>
        <source>This patient moved to another GP: your PSS draft (saved {when}) can no longer be published.</source>
        <translation>L’assistito ha scelto un altro medico: la tua bozza di PSS (salvata {when}) non può più essere pubblicata.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="148"/>
        <source>Discard draft</source>
        <translation>Elimina bozza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="149"/>
        <source>Discard your unsent PSS draft for this patient? It cannot be recovered.</source>
        <translation>Eliminare la bozza di PSS non inviata di questo assistito? Non potrà essere recuperata.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="161"/>
        <source>Draft discarded.</source>
        <translation>Bozza eliminata.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/launcher.py" line="232"/>
        <source>The PSS is queued for sending: it will leave as soon as you are online.</source>
        <translation>Il PSS è in coda di invio: partirà appena sarai in linea.</translation>
    </message>
</context>
<context>
    <name>EditorBar</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="42"/>
        <source>PSS version {n} — draft</source>
        <translation>PSS versione {n} — bozza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="44"/>
        <source>Update from the FSE</source>
        <translation>Aggiorna dal fascicolo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="46"/>
        <source>Read the patient&apos;s documents since the last version and propose what to add</source>
        <translation>Legge i documenti dell&apos;assistito successivi all&apos;ultima versione e propone cosa aggiungere</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="48"/>
        <source>Publish</source>
        <translation>Pubblica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="50"/>
        <source>Sign the PSS and send it to the FSE</source>
        <translation>Firma il PSS e invialo al FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="51"/>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="52"/>
        <source>Back to the published PSS; the draft is kept</source>
        <translation>Torna al PSS pubblicato; la bozza resta salvata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="59"/>
        <source>Stop</source>
        <translation>Interrompi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="62"/>
        <source>Stop downloading the patient&apos;s documents (what arrived is kept)</source>
        <translation>Interrompi lo scaricamento dei documenti dell&apos;assistito (quelli già arrivati restano)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="101"/>
        <source>Draft saved at {time}</source>
        <translation>Bozza salvata alle {time}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor_bar.py" line="106"/>
        <source>Draft NOT saved</source>
        <translation>Bozza NON salvata</translation>
    </message>
</context>
<context>
    <name>EndpointRows</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="35"/>
        <source>FHIR server (R4) address</source>
        <translation>Indirizzo del server FHIR (R4)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="40"/>
        <source>FSE 2.0 gateway address</source>
        <translation>Indirizzo del gateway FSE 2.0</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="43"/>
        <source>Only if the region uses its own certification authority.</source>
        <translation>Solo se la regione usa una propria autorità di certificazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/region_rows.py" line="46"/>
        <source>Region&apos;s CA certificate</source>
        <translation>Certificato della CA della regione</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/entry_form.py" line="135"/>
        <source>Type a code or the first letters of a word</source>
        <translation>Scrivi un codice o le prime lettere di una parola</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/entry_form.py" line="137"/>
        <source>Type the code, then the description</source>
        <translation>Scrivi il codice, poi la descrizione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/entry_form.py" line="140"/>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/entry_form.py" line="178"/>
        <source>Select an entry, or add one with Ctrl+N.</source>
        <translation>Seleziona una voce, o aggiungine una con Ctrl+N.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/entry_form.py" line="194"/>
        <source>New entry: fill in {fields}.</source>
        <translation>Nuova voce: compila {fields}.</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="14"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="15"/>
        <source>Onset</source>
        <translation>Insorgenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="16"/>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="17"/>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="18"/>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="47"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="19"/>
        <source>Facility</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="20"/>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="21"/>
        <source>Reaction</source>
        <translation>Reazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="22"/>
        <source>Severity</source>
        <translation>Gravità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="23"/>
        <source>Criticality</source>
        <translation>Criticità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="24"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="25"/>
        <source>Drug (ATC)</source>
        <translation>Farmaco (ATC)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="26"/>
        <source>AIC</source>
        <translation>AIC</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="27"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="28"/>
        <source>Strength</source>
        <translation>Dosaggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="29"/>
        <source>Frequency</source>
        <translation>Frequenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="30"/>
        <source>Route</source>
        <translation>Via di somministrazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="31"/>
        <source>Vaccine</source>
        <translation>Vaccino</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="32"/>
        <source>Dose no.</source>
        <translation>Dose n.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="33"/>
        <source>Lot</source>
        <translation>Lotto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="34"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="35"/>
        <source>Chronic</source>
        <translation>Cronico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="36"/>
        <source>Relative</source>
        <translation>Familiare</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="37"/>
        <source>Condition (ICD-9-CM)</source>
        <translation>Patologia (ICD-9-CM)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="38"/>
        <source>Age at onset</source>
        <translation>Età all&apos;esordio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="39"/>
        <source>Deceased</source>
        <translation>Deceduto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="40"/>
        <source>Aspect</source>
        <translation>Aspetto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="41"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="42"/>
        <source>Since</source>
        <translation>Dal</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="43"/>
        <source>Ended on</source>
        <translation>Conclusa il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="44"/>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="45"/>
        <source>Weeks</source>
        <translation>Settimane</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="46"/>
        <source>Unit (UCUM)</source>
        <translation>Unità (UCUM)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="48"/>
        <source>Implanted on</source>
        <translation>Impiantato il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="49"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="50"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="51"/>
        <source>Diagnosis (ICD-9-CM)</source>
        <translation>Diagnosi (ICD-9-CM)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="52"/>
        <source>Assessed on</source>
        <translation>Valutato il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="53"/>
        <source>Result</source>
        <translation>Risultato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="54"/>
        <source>Choice</source>
        <translation>Scelta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="55"/>
        <source>Recorded on</source>
        <translation>Registrata il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="56"/>
        <source>Network</source>
        <translation>Rete</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="57"/>
        <source>Enrolled on</source>
        <translation>Arruolato il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="60"/>
        <source>Problem (ICD-9-CM)</source>
        <translation>Problema (ICD-9-CM)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="61"/>
        <source>Resolved on</source>
        <translation>Risolto il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="62"/>
        <source>Habit</source>
        <translation>Abitudine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="63"/>
        <source>Measurement</source>
        <translation>Parametro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="64"/>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="65"/>
        <source>Plan</source>
        <translation>Piano</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="66"/>
        <source>Procedure (ICD-9-CM)</source>
        <translation>Procedura (ICD-9-CM)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="67"/>
        <source>Assessment</source>
        <translation>Valutazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="68"/>
        <source>Test (LOINC)</source>
        <translation>Indagine (LOINC)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="69"/>
        <source>Exemption</source>
        <translation>Esenzione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="70"/>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/labels.py" line="71"/>
        <source>Until</source>
        <translation>Al</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="45"/>
        <source>Browse…</source>
        <translation>Sfoglia…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/fields.py" line="61"/>
        <source>Choose a file</source>
        <translation>Scegli un file</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="33"/>
        <source>Welcome to FSE Desk</source>
        <translation>Benvenuto in FSE Desk</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="35"/>
        <source>This workstation has no profile yet. Create yours: you will be its administrator and may add your colleagues later. The passphrase protects your encrypted cache; nobody can recover it for you.</source>
        <translation>Questa postazione non ha ancora nessun profilo. Crea il tuo: ne sarai l&apos;amministratore e potrai aggiungere i colleghi in seguito. La passphrase protegge la tua cache cifrata: nessuno potrà recuperarla al posto tuo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="39"/>
        <source>Create profile and open</source>
        <translation>Crea il profilo e apri</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="47"/>
        <source>e.g. Dott.ssa Elena Guidotti</source>
        <translation>es. Dott.ssa Elena Guidotti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="50"/>
        <source>16 characters, as on the health card</source>
        <translation>16 caratteri, come sulla tessera sanitaria</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="55"/>
        <source>optional: as the region assigned it</source>
        <translation>facoltativo: come assegnato dalla Regione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="58"/>
        <source>Name and surname</source>
        <translation>Nome e cognome</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="59"/>
        <source>Codice fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="60"/>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="61"/>
        <source>Practitioner id</source>
        <translation>Identificativo professionista</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="62"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/first_run.py" line="63"/>
        <source>Passphrase again</source>
        <translation>Ripeti la passphrase</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="86"/>
        <source>FSE Desk — connect your region</source>
        <translation>FSE Desk — collega la tua regione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="97"/>
        <source>Open the demo</source>
        <translation>Apri la demo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="110"/>
        <source>Save and start</source>
        <translation>Salva e avvia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="116"/>
        <source>Welcome to FSE Desk</source>
        <translation>Benvenuto in FSE Desk</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="119"/>
        <source>FSE Desk is not connected to a region yet. In a few steps this wizard sets it up with what the region gave your practice:

• the address of the regional FSE server (FHIR R4) and, to publish the PSS, of the FSE 2.0 gateway;
• the authentication certificate of the practice, with its key;
• who uses this workstation.

Then &quot;Test connection&quot; checks that everything works before saving. To look around first, open the demo: it needs no answers.</source>
        <translation>FSE Desk non è ancora collegato a una regione. In pochi passi questa procedura lo configura con quanto la regione ha fornito al tuo studio:

• l&apos;indirizzo del server FSE regionale (FHIR R4) e, per pubblicare il PSS, del gateway FSE 2.0;
• il certificato di autenticazione dello studio, con la sua chiave;
• chi usa questa postazione.

Poi &quot;Prova connessione&quot; verifica che tutto funzioni prima di salvare. Per dare prima un&apos;occhiata, apri la demo: non chiede nulla.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="136"/>
        <source>Region addresses</source>
        <translation>Indirizzi della regione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="137"/>
        <source>The addresses the region gave for the FSE server and the FSE 2.0 gateway.</source>
        <translation>Gli indirizzi indicati dalla regione per il server FSE e per il gateway FSE 2.0.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="147"/>
        <source>Authentication certificate</source>
        <translation>Certificato di autenticazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="149"/>
        <source>The certificate with which this workstation identifies itself to the region (a .pem or .crt file and its key). Leave it empty if the region does not ask for one.</source>
        <translation>Il certificato con cui questa postazione si presenta alla regione (un file .pem o .crt e la sua chiave). Lascia vuoto se la regione non lo richiede.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="161"/>
        <source>Who uses this workstation</source>
        <translation>Chi usa questa postazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="162"/>
        <source>The operator signed in on this workstation, as registered with the region.</source>
        <translation>L&apos;operatore che accede da questa postazione, come registrato presso la regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="166"/>
        <source>e.g. Dott. Mario Rossi</source>
        <translation>es. Dott. Mario Rossi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="167"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="171"/>
        <source>Codice fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="176"/>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="178"/>
        <source>e.g. rossi</source>
        <translation>es. rossi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="179"/>
        <source>Profile name</source>
        <translation>Nome del profilo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="180"/>
        <source>Letters, digits, - and _: it names the encrypted local cache.</source>
        <translation>Lettere, cifre, - e _: dà il nome all&apos;archivio locale cifrato.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="187"/>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="196"/>
        <source>Test connection</source>
        <translation>Prova connessione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="191"/>
        <source>FSE Desk asks the FSE server for its capabilities (/metadata) with the certificate chosen, as it will do every day. Nothing is sent about patients.</source>
        <translation>FSE Desk chiede al server FSE le sue funzionalità (/metadata) con il certificato scelto, come farà ogni giorno. Non viene inviato nulla sui pazienti.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="243"/>
        <source>Testing the connection…</source>
        <translation>Prova della connessione in corso…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="253"/>
        <source>FSE server</source>
        <translation>Server FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/first_run.py" line="255"/>
        <source>FSE 2.0 gateway</source>
        <translation>Gateway FSE 2.0</translation>
    </message>
</context>
<context>
    <name>FreshnessLabel</name>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="55"/>
        <source>Never synced with the FSE: only data from this workstation</source>
        <translation>Mai sincronizzato con il FSE: solo i dati di questa postazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="57"/>
        <source>Data as of {date} at {time}</source>
        <translation>Dati al {date} ore {time}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="63"/>
        <source>Offline</source>
        <translation>Non in linea</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="64"/>
        <source>The last sync did not complete</source>
        <translation>L&apos;ultima sincronizzazione non è stata completata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="65"/>
        <source>Not connected yet</source>
        <translation>Non ancora connesso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="66"/>
        <source>Not synced recently</source>
        <translation>Nessuna sincronizzazione recente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/freshness_label.py" line="68"/>
        <source>{reason} — {as_of}</source>
        <translation>{reason} — {as_of}</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="395"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="403"/>
        <source>Image {n} of {total}</source>
        <translation>Immagine {n} di {total}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="405"/>
        <source>Frame {n}</source>
        <translation>Fotogramma {n}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="408"/>
        <source>Position {mm} mm</source>
        <translation>Posizione {mm} mm</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="413"/>
        <source>W {w} L {c}{unit}</source>
        <translation>W {w} L {c}{unit}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="421"/>
        <source>Zoom {z}%</source>
        <translation>Zoom {z}%</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/viewer.py" line="423"/>
        <source>LOSSY COMPRESSION: not for diagnosis</source>
        <translation>COMPRESSIONE CON PERDITA: non per la diagnosi</translation>
    </message>
</context>
<context>
    <name>ImagesTab</name>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="103"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="104"/>
        <source>Modality</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="105"/>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="106"/>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="141"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="107"/>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="693"/>
        <source>Images</source>
        <translation>Immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="108"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="133"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="154"/>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="189"/>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="550"/>
        <source>Report</source>
        <translation>Referto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="208"/>
        <source>Looking for studies…</source>
        <translation>Ricerca degli studi…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="221"/>
        <source>The patient has not consented to the consultation of their FSE: PACS studies and reports are not shown. Local files and CDs can still be opened.</source>
        <translation>L&apos;assistito non ha dato il consenso alla consultazione del FSE: studi del PACS e referti non sono mostrati. File locali e CD si possono comunque aprire.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="231"/>
        <source>No PACS is configured: only local files and the studies named by reports are listed.</source>
        <translation>Nessun PACS configurato: sono elencati solo i file locali e gli studi citati nei referti.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="236"/>
        <source>No studies for this patient.</source>
        <translation>Nessuno studio per questo assistito.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="238"/>
        <source>%n studies.</source>
        <translation>
            <numerusform>%n studio.</numerusform>
            <numerusform>%n studi.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="249"/>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="250"/>
        <source>Report only (not on the PACS)</source>
        <translation>Solo referto (non presente nel PACS)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="251"/>
        <source>Local files</source>
        <translation>File locali</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="254"/>
        <source>report</source>
        <translation>referto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="256"/>
        <source>OTHER PATIENT: {name}</source>
        <translation>ALTRO PAZIENTE: {name}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="298"/>
        <source>The report names this study, but the PACS does not have it (or cannot be reached).</source>
        <translation>Il referto cita questo studio, ma il PACS non lo contiene (o non è raggiungibile).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="312"/>
        <source>%n images</source>
        <translation>
            <numerusform>%n immagine</numerusform>
            <numerusform>%n immagini</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="468"/>
        <source>Open DICOM files</source>
        <translation>Apri file DICOM</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="471"/>
        <source>Open a folder of images</source>
        <translation>Apri una cartella di immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="475"/>
        <source>Open a CD (DICOMDIR)</source>
        <translation>Apri un CD (DICOMDIR)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="484"/>
        <source>Reading the files…</source>
        <translation>Lettura dei file…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="507"/>
        <source>Open %n files not in the CD index (DICOMDIR)…</source>
        <translation>
            <numerusform>Apri %n file non indicizzato nel DICOMDIR del CD…</numerusform>
            <numerusform>Apri %n file non indicizzati nel DICOMDIR del CD…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="511"/>
        <source>%n studies found in the files.</source>
        <translation>
            <numerusform>%n studio trovato nei file.</numerusform>
            <numerusform>%n studi trovati nei file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="513"/>
        <source>%n belong to another patient (in red).</source>
        <translation>
            <numerusform>%n appartiene a un altro paziente (in rosso).</numerusform>
            <numerusform>%n appartengono a un altro paziente (in rosso).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="516"/>
        <source>%n files could not be used (listed below).</source>
        <translation>
            <numerusform>%n file non è utilizzabile (elencato sotto).</numerusform>
            <numerusform>%n file non sono utilizzabili (elencati sotto).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="536"/>
        <source>the file is empty</source>
        <translation>il file è vuoto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="537"/>
        <source>not a DICOM file</source>
        <translation>non è un file DICOM</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="538"/>
        <source>the file is incomplete (truncated)</source>
        <translation>il file è incompleto (troncato)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="539"/>
        <source>the DICOM content is damaged or badly encoded</source>
        <translation>il contenuto DICOM è danneggiato o codificato male</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="540"/>
        <source>a DICOM object without images (report, index…)</source>
        <translation>un oggetto DICOM senza immagini (referto, indice…)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="541"/>
        <source>image compression not supported</source>
        <translation>compressione dell&apos;immagine non supportata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="542"/>
        <source>the image is too large for the available memory</source>
        <translation>l&apos;immagine è troppo grande per la memoria disponibile</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="543"/>
        <source>the file cannot be read (permissions or disk)</source>
        <translation>il file non si può leggere (permessi o disco)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="544"/>
        <source>listed in the CD index (DICOMDIR) but not on the disc</source>
        <translation>presente nell&apos;indice del CD (DICOMDIR) ma assente dal disco</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="553"/>
        <source>No FSE report is linked to local files.</source>
        <translation>Ai file locali non è collegato alcun referto del FSE.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="560"/>
        <source>The FSE has no report for this study.</source>
        <translation>Il FSE non ha un referto per questo studio.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="635"/>
        <source>Anonymised export</source>
        <translation>Esportazione anonimizzata</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="638"/>
        <source>%n images may show the patient&apos;s name or other data written into the picture (burned-in text), which anonymisation cannot remove.</source>
        <translation>
            <numerusform>%n immagine potrebbe mostrare il nome dell&apos;assistito o altri dati scritti nell&apos;immagine stessa (testo impresso), che l&apos;anonimizzazione non può rimuovere.</numerusform>
            <numerusform>%n immagini potrebbero mostrare il nome dell&apos;assistito o altri dati scritti nell&apos;immagine stessa (testo impresso), che l&apos;anonimizzazione non può rimuovere.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="644"/>
        <source>Skip those images</source>
        <translation>Escludi queste immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="645"/>
        <source>Export them anyway</source>
        <translation>Esportale comunque</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="653"/>
        <source>%n anonymised images written.</source>
        <translation>
            <numerusform>%n immagine anonimizzata scritta.</numerusform>
            <numerusform>%n immagini anonimizzate scritte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/imaging/images_tab.py" line="656"/>
        <source>%n images with burned-in text were left out.</source>
        <translation>
            <numerusform>%n immagine con testo impresso è stata esclusa.</numerusform>
            <numerusform>%n immagini con testo impresso sono state escluse.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="48"/>
        <source>Severity</source>
        <translation>Gravità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="49"/>
        <source>Patient</source>
        <translation>Paziente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="50"/>
        <source>Parameter</source>
        <translation>Parametro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="51"/>
        <source>Rule</source>
        <translation>Regola</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="52"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="53"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="54"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="55"/>
        <source>Handled by</source>
        <translation>Gestito da</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="61"/>
        <source>new</source>
        <translation>nuovo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="62"/>
        <source>in charge</source>
        <translation>in carico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="63"/>
        <source>closed</source>
        <translation>chiuso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="66"/>
        <source>CONFLICT</source>
        <translation>CONFLITTO</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/inbox_model.py" line="68"/>
        <source>not yet sent</source>
        <translation>non ancora inviato</translation>
    </message>
</context>
<context>
    <name>LabChartDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/lab_chart.py" line="89"/>
        <source>Trend: {analyte}</source>
        <translation>Andamento: {analyte}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/lab_chart.py" line="107"/>
        <source>Reference range of the laboratory</source>
        <translation>Intervallo di riferimento del laboratorio</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/timeline/lab_chart.py" line="122"/>
        <source>%n values from the patient&apos;s lab reports.</source>
        <translation>
            <numerusform>%n valore dai referti di laboratorio dell&apos;assistito.</numerusform>
            <numerusform>%n valori dai referti di laboratorio dell&apos;assistito.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/timeline/lab_chart.py" line="129"/>
        <source>%n lab reports are not downloaded and the FSE server cannot be reached: they are missing from the chart.</source>
        <translation>
            <numerusform>%n referto di laboratorio non è scaricato e il server FSE non è raggiungibile: manca dal grafico.</numerusform>
            <numerusform>%n referti di laboratorio non sono scaricati e il server FSE non è raggiungibile: mancano dal grafico.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/lab_chart.py" line="137"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/lab_chart.py" line="137"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../../fse_desk_ui/screen_lock.py" line="102"/>
        <source>Workstation locked</source>
        <translation>Postazione bloccata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/screen_lock.py" line="105"/>
        <source>Signed in: {user}. Enter your passphrase to go on.</source>
        <translation>Accesso di: {user}. Inserisci la tua passphrase per continuare.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/screen_lock.py" line="111"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/screen_lock.py" line="117"/>
        <source>Unlock</source>
        <translation>Sblocca</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/screen_lock.py" line="118"/>
        <source>Another user</source>
        <translation>Un altro utente</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="57"/>
        <source>FSE Desk</source>
        <translation>FSE Desk</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="63"/>
        <source>Timeline</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="65"/>
        <source>Profilo Sanitario Sintetico</source>
        <translation>Profilo Sanitario Sintetico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="67"/>
        <source>Images</source>
        <translation>Immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="69"/>
        <source>Vital signs</source>
        <translation>Parametri vitali</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="71"/>
        <source>Telemonitoring</source>
        <translation>Telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="76"/>
        <source>Casa della Salute</source>
        <translation>Casa della Salute</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="84"/>
        <source>Televisits</source>
        <translation>Televisite</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="106"/>
        <source>Patients</source>
        <translation>Assistiti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="125"/>
        <source>Sync now</source>
        <translation>Sincronizza ora</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="127"/>
        <source>Fetch what is new in the regional FSE (F5)</source>
        <translation>Scarica le novità dal FSE regionale (F5)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="129"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="132"/>
        <source>Outbox</source>
        <translation>Coda di invio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="133"/>
        <source>Changes not yet on the FSE</source>
        <translation>Modifiche non ancora arrivate al FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="107"/>
        <location filename="../../../fse_desk_ui/main_window.py" line="136"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="138"/>
        <source>The team&apos;s agenda and today&apos;s televisits (Ctrl+G)</source>
        <translation>L&apos;agenda dell&apos;équipe e le televisite di oggi (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="143"/>
        <location filename="../../../fse_desk_ui/main_window.py" line="150"/>
        <source>Alert inbox</source>
        <translation>Allarmi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="144"/>
        <source>Telemonitoring alarms of every enrolled patient</source>
        <translation>Allarmi di telemonitoraggio di tutti i pazienti arruolati</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="160"/>
        <source>Purpose:</source>
        <translation>Finalità:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="166"/>
        <source>Switch user</source>
        <translation>Cambia utente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="168"/>
        <source>Close this session and let a colleague sign in with their profile</source>
        <translation>Chiudi questa sessione e lascia accedere un collega con il suo profilo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/main_window.py" line="297"/>
        <source>Sync</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="72"/>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/about_dialog.py" line="73"/>
        <source>About FSE Desk</source>
        <translation>Informazioni su FSE Desk</translation>
    </message>
</context>
<context>
    <name>Measurements</name>
    <message>
        <location filename="../../../fse_desk_ui/imaging/measurements.py" line="66"/>
        <source>(at the detector, not corrected for magnification)</source>
        <translation>(al rivelatore, non corretta per l&apos;ingrandimento)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/measurements.py" line="84"/>
        <source>mean {mean}{unit}, SD {sd}{unit}</source>
        <translation>media {mean}{unit}, DS {sd}{unit}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/measurements.py" line="99"/>
        <source>No length: the image does not say how large a pixel is (no Pixel Spacing).</source>
        <translation>Lunghezza non disponibile: l&apos;immagine non indica la dimensione del pixel (manca Pixel Spacing).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/measurements.py" line="103"/>
        <source>Mean and SD are computed on grey-scale images only.</source>
        <translation>Media e DS si calcolano solo su immagini in scala di grigi.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/measurements.py" line="106"/>
        <source>The ellipse is outside the image.</source>
        <translation>L&apos;ellisse è fuori dall&apos;immagine.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/measurements.py" line="109"/>
        <source>This measurement cannot be made here.</source>
        <translation>Questa misura non si può fare qui.</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="93"/>
        <source>Queued</source>
        <translation>Accodata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="94"/>
        <source>Patient</source>
        <translation>Assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="95"/>
        <source>Change</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="96"/>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="97"/>
        <source>Attempts</source>
        <translation>Tentativi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="98"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="182"/>
        <source>Outbox: changes not yet on the FSE</source>
        <translation>Coda di invio: modifiche non ancora arrivate al FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="191"/>
        <source>Everything has reached the FSE.</source>
        <translation>Tutto è arrivato al FSE.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="192"/>
        <source>Retry</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="193"/>
        <source>Discard…</source>
        <translation>Scarta…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="194"/>
        <source>Resolve conflict…</source>
        <translation>Risolvi il conflitto…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="203"/>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="250"/>
        <source>Discard change</source>
        <translation>Scarta la modifica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="252"/>
        <source>Discard “{what}”? It will never reach the FSE. The discard is recorded with your name.</source>
        <translation>Scartare «{what}»? Non arriverà mai al FSE. Lo scarto viene registrato con il tuo nome.</translation>
    </message>
</context>
<context>
    <name>PatientBanner</name>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="36"/>
        <source>No patient selected</source>
        <translation>Nessun assistito selezionato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="37"/>
        <source>Search an assistito on the left and select them.</source>
        <translation>Cerca un assistito nell&apos;elenco a sinistra e selezionalo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="40"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="40"/>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="42"/>
        <source>CF {cf} · {age} years · sex {sex} · born {date}</source>
        <translation>CF {cf} · {age} anni · sesso {sex} · nato/a il {date}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="49"/>
        <source> in {place}</source>
        <translation> a {place}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="53"/>
        <source>FSE consultation consent given</source>
        <translation>Consenso alla consultazione FSE: sì</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="55"/>
        <source>No consent to FSE consultation</source>
        <translation>Nessun consenso alla consultazione FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_banner.py" line="57"/>
        <source>FSE consultation consent unknown</source>
        <translation>Consenso alla consultazione FSE: non noto</translation>
    </message>
</context>
<context>
    <name>PatientCopyButton</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="25"/>
        <source>Save PDF for the patient…</source>
        <translation>Salva PDF per l&apos;assistito…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="26"/>
        <source>A copy of this version to print or give to the patient</source>
        <translation>Una copia di questa versione da stampare o consegnare all&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="44"/>
        <source>Save the PSS as PDF</source>
        <translation>Salva il PSS in PDF</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="46"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="55"/>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="61"/>
        <source>PDF not saved</source>
        <translation>PDF non salvato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/copy_button.py" line="56"/>
        <source>The file could not be written ({reason}): choose another folder.</source>
        <translation>Impossibile scrivere il file ({reason}): scegli un&apos;altra cartella.</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="46"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="46"/>
        <source>Codice fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="46"/>
        <source>Born</source>
        <translation>Nascita (età)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="46"/>
        <source>New</source>
        <translation>Nuovi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="57"/>
        <source>{name} (moved to another GP)</source>
        <translation>{name} (ha cambiato medico)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="62"/>
        <source>{date} ({age} y)</source>
        <translation>{date} ({age})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="78"/>
        <source>%n documents new for you</source>
        <translation>
            <numerusform>%n documento nuovo, non ancora visto</numerusform>
            <numerusform>%n documenti nuovi, non ancora visti</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="82"/>
        <source>This patient chose another GP: their FSE is no longer shown here. Only your unsent PSS draft is kept, and it can no longer be published: discard it.</source>
        <translation>L’assistito ha scelto un altro medico: il suo fascicolo non è più visibile qui. Resta solo la sua bozza di PSS non inviata, che non può più essere pubblicata: eliminala.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/models/patient_list_model.py" line="88"/>
        <source>No consent to FSE consultation</source>
        <translation>Nessun consenso alla consultazione FSE</translation>
    </message>
</context>
<context>
    <name>PatientListWidget</name>
    <message>
        <location filename="../../../fse_desk_ui/patient_list.py" line="34"/>
        <source>Search by name, codice fiscale or birth date</source>
        <translation>Cerca per nome, codice fiscale o data di nascita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_list.py" line="62"/>
        <source>Assistiti</source>
        <translation>Assistiti</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/patient_list.py" line="86"/>
        <source>%n found</source>
        <translation>
            <numerusform>%n trovato</numerusform>
            <numerusform>%n trovati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/patient_list.py" line="88"/>
        <source>%n assistiti in the cache</source>
        <translation>
            <numerusform>%n assistito in cache</numerusform>
            <numerusform>%n assistiti in cache</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientWorkspace</name>
    <message>
        <location filename="../../../fse_desk_ui/patient_workspace.py" line="86"/>
        <source>This patient has not consented to the consultation of their FSE: no FSE document is shown.</source>
        <translation>L&apos;assistito non ha dato il consenso alla consultazione del proprio FSE: nessun documento del fascicolo viene mostrato.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/patient_workspace.py" line="93"/>
        <source>%n FSE documents in the offline cache, the latest of {date}.</source>
        <translation>
            <numerusform>%n documento FSE nella cache offline, del {date}.</numerusform>
            <numerusform>%n documenti FSE nella cache offline, il più recente del {date}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/patient_workspace.py" line="91"/>
        <source>No FSE documents in the offline cache.</source>
        <translation>Nessun documento FSE nella cache offline.</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/print_button.py" line="26"/>
        <source>Print…</source>
        <translation>Stampa…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/print_button.py" line="27"/>
        <source>Print this version for the patient</source>
        <translation>Stampa questa versione per l&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/print_button.py" line="61"/>
        <source>Print the PSS</source>
        <translation>Stampa il PSS</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/print_button.py" line="68"/>
        <source>Not printed</source>
        <translation>Stampa non riuscita</translation>
    </message>
</context>
<context>
    <name>ProblemTexts</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="64"/>
        <source>required section: add an entry or tick “{none}”.</source>
        <translation>sezione obbligatoria: aggiungi una voce o spunta «{none}».</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="66"/>
        <source>it has entries but is also marked “{none}”: remove one or the other.</source>
        <translation>ha delle voci ma è anche segnata «{none}»: togli l&apos;una o l&apos;altra.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="68"/>
        <source>{field} is a date in the future.</source>
        <translation>{field} è una data futura.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="69"/>
        <source>{field} is before the patient&apos;s birth.</source>
        <translation>{field} è precedente alla nascita dell&apos;assistito.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="71"/>
        <source>{field} is not coded in the expected code system: choose the code from the list.</source>
        <translation>{field} non è codificato nel sistema atteso: scegli il codice dall&apos;elenco.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="73"/>
        <source>{field} starts or ends with spaces.</source>
        <translation>{field} inizia o finisce con degli spazi.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="75"/>
        <source>a resolved problem needs the date it resolved ({field}).</source>
        <translation>un problema risolto richiede la data di risoluzione ({field}).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="77"/>
        <source>{field} is before the onset.</source>
        <translation>{field} è precedente all&apos;insorgenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="79"/>
        <source>an active problem has a resolution date: set it resolved or clear the date.</source>
        <translation>un problema attivo ha una data di risoluzione: segnalo come risolto o cancella la data.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="81"/>
        <source>{field} is before the start.</source>
        <translation>{field} è precedente all&apos;inizio.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="82"/>
        <source>the unit of measure ({field}) is missing.</source>
        <translation>manca l&apos;unità di misura ({field}).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="83"/>
        <source>the posology needs both dose and frequency.</source>
        <translation>la posologia richiede sia la dose sia la frequenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="85"/>
        <source>does not pass a check ({code}).</source>
        <translation>non supera un controllo ({code}).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="92"/>
        <source>The date of the document is in the future: check the computer&apos;s clock.</source>
        <translation>La data del documento è nel futuro: controlla l&apos;orologio del computer.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="95"/>
        <source>The patient&apos;s birth date is in the future: correct it in the registry.</source>
        <translation>La data di nascita dell&apos;assistito è nel futuro: correggila in anagrafe.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="98"/>
        <source>The author&apos;s phone or e-mail is missing: add them to your profile in the configuration.</source>
        <translation>Mancano il telefono o l&apos;e-mail dell&apos;autore: aggiungili al tuo profilo nella configurazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="102"/>
        <source>The PSS must be signed by the doctor who writes it.</source>
        <translation>Il PSS deve essere firmato dal medico che lo redige.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="105"/>
        <source>This draft is about another patient: close it and start a new version from this patient&apos;s PSS.</source>
        <translation>Questa bozza riguarda un altro assistito: chiudila e crea una nuova versione dal PSS di questo assistito.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="109"/>
        <source>This draft was written by another doctor: only the author can sign and publish it. Start a new version of your own.</source>
        <translation>Questa bozza è stata scritta da un altro medico: solo l&apos;autore può firmarla e pubblicarla. Crea una nuova versione tua.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/problem_texts.py" line="116"/>
        <source>The document does not pass a technical check ({code}). If it persists, call support.</source>
        <translation>Il documento non supera un controllo tecnico ({code}). Se si ripete, chiama l&apos;assistenza.</translation>
    </message>
</context>
<context>
    <name>PssEditor</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="96"/>
        <source>Undo</source>
        <translation>Annulla modifica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="101"/>
        <source>Redo</source>
        <translation>Ripeti modifica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="106"/>
        <source>New entry</source>
        <translation>Nuova voce</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="234"/>
        <source>Checks (%n)</source>
        <translation>
            <numerusform>Controlli (%n)</numerusform>
            <numerusform>Controlli (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="236"/>
        <source>From the FSE (%n)</source>
        <translation>
            <numerusform>Dal fascicolo (%n)</numerusform>
            <numerusform>Dal fascicolo (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="289"/>
        <source>Signing the PSS…</source>
        <translation>Firma del PSS…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="291"/>
        <source>Reading the patient&apos;s documents…</source>
        <translation>Lettura dei documenti dell&apos;assistito…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="297"/>
        <source>Update from the FSE stopped. The documents downloaded so far are kept: click it again to go on.</source>
        <translation>Aggiornamento dal fascicolo interrotto. I documenti già scaricati restano salvati: fai di nuovo clic per continuare.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="310"/>
        <source>Accept suggestions from the FSE</source>
        <translation>Accetta i suggerimenti dal fascicolo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/editor.py" line="357"/>
        <source>The PSS was not sent: see the points to correct below.</source>
        <translation>Il PSS non è stato inviato: vedi sotto i punti da correggere.</translation>
    </message>
</context>
<context>
    <name>PssTab</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="94"/>
        <source>Loading the PSS…</source>
        <translation>Caricamento del PSS…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="107"/>
        <source>Versions</source>
        <translation>Versioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="226"/>
        <source>No Profilo Sanitario Sintetico has been published for this patient in the FSE yet.</source>
        <translation>Per questo assistito non è ancora stato pubblicato alcun Profilo Sanitario Sintetico nel FSE.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="299"/>
        <source>Version of {date} — {author}</source>
        <translation>Versione del {date} — {author}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="310"/>
        <source>current</source>
        <translation>attuale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="310"/>
        <source>superseded</source>
        <translation>sostituita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="311"/>
        <source>Version {n} of {date} ({state})
{author}</source>
        <translation>Versione {n} del {date} ({state})
{author}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="322"/>
        <source>&lt;b&gt;Profilo Sanitario Sintetico&lt;/b&gt; — version {n} of {date}&lt;br&gt;Written by {author} · {custodian}</source>
        <translation>&lt;b&gt;Profilo Sanitario Sintetico&lt;/b&gt; — versione {n} del {date}&lt;br&gt;Redatto da {author} · {custodian}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="340"/>
        <source>Superseded version: this is not the current PSS. The current one is version {n} of {date}.</source>
        <translation>Versione sostituita: questo non è il PSS attuale. Quello attuale è la versione {n} del {date}.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="367"/>
        <source>Not recorded in this version: {sections}.</source>
        <translation>Non compilato in questa versione: {sections}.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="433"/>
        <source>Read only: only the patient&apos;s own GP (MMG) or family paediatrician (PLS) can publish this PSS, and the FSE does not name you as this patient&apos;s doctor.</source>
        <translation>Sola lettura: solo il medico di medicina generale (MMG) o il pediatra di libera scelta (PLS) dell&apos;assistito può pubblicare questo PSS, e il FSE non ti indica come suo medico.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="438"/>
        <source>specialist</source>
        <translation>specialista</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="439"/>
        <source>nurse</source>
        <translation>infermiere</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="440"/>
        <source>social worker</source>
        <translation>assistente sociale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/pss_tab.py" line="444"/>
        <source>Read only: only the patient&apos;s GP (MMG) or family paediatrician (PLS) can write and publish the PSS. You are signed in as {role}.</source>
        <translation>Sola lettura: solo il medico di medicina generale (MMG) o il pediatra di libera scelta (PLS) dell&apos;assistito può redigere e pubblicare il PSS. Hai effettuato l&apos;accesso come {role}.</translation>
    </message>
</context>
<context>
    <name>PssTexts</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="41"/>
        <source>mild</source>
        <translation>lieve</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="42"/>
        <source>moderate</source>
        <translation>moderata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="43"/>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="44"/>
        <source>low</source>
        <translation>bassa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="45"/>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="46"/>
        <source>unable to assess</source>
        <translation>non valutabile</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="47"/>
        <source>active</source>
        <translation>attivo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="48"/>
        <source>resolved</source>
        <translation>risolto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="49"/>
        <source>father</source>
        <translation>padre</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="50"/>
        <source>mother</source>
        <translation>madre</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="51"/>
        <source>brother</source>
        <translation>fratello</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="52"/>
        <source>sister</source>
        <translation>sorella</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="53"/>
        <source>son</source>
        <translation>figlio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="54"/>
        <source>daughter</source>
        <translation>figlia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="55"/>
        <source>grandfather</source>
        <translation>nonno</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="56"/>
        <source>grandmother</source>
        <translation>nonna</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="57"/>
        <source>uncle</source>
        <translation>zio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="58"/>
        <source>aunt</source>
        <translation>zia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="59"/>
        <source>visit</source>
        <translation>visita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="60"/>
        <source>admission</source>
        <translation>ricovero</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="61"/>
        <source>consents to donation</source>
        <translation>consenso alla donazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="62"/>
        <source>refuses donation</source>
        <translation>opposizione alla donazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="63"/>
        <source>no choice expressed</source>
        <translation>volontà non espressa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="76"/>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="76"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="85"/>
        <source>(no description)</source>
        <translation>(senza descrizione)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="87"/>
        <source>Written by another program and kept as written (not editable here):</source>
        <translation>Scritte da un altro programma e conservate come sono (non modificabili qui):</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="96"/>
        <source>Allergies and intolerances</source>
        <translation>Allergie e intolleranze</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="98"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="99"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="198"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="210"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="272"/>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="100"/>
        <source>Reaction</source>
        <translation>Reazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="101"/>
        <source>Severity</source>
        <translation>Gravità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="102"/>
        <source>Criticality</source>
        <translation>Criticità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="103"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="160"/>
        <source>Onset</source>
        <translation>Insorgenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="104"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="164"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="186"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="210"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="240"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="115"/>
        <source>No known allergies</source>
        <translation>Nessuna allergia nota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="119"/>
        <source>Current therapies</source>
        <translation>Terapie farmacologiche in corso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="121"/>
        <source>Drug</source>
        <translation>Farmaco</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="122"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="148"/>
        <source>ATC</source>
        <translation>ATC</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="123"/>
        <source>AIC</source>
        <translation>AIC</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="124"/>
        <source>Strength</source>
        <translation>Dosaggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="125"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="126"/>
        <source>Frequency</source>
        <translation>Frequenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="127"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="204"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="218"/>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="128"/>
        <source>Route</source>
        <translation>Via</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="140"/>
        <source>No current therapy</source>
        <translation>Nessuna terapia in corso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="144"/>
        <source>Vaccinations</source>
        <translation>Vaccinazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="146"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="192"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="210"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="229"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="238"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="147"/>
        <source>Vaccine</source>
        <translation>Vaccino</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="149"/>
        <source>Dose no.</source>
        <translation>Dose n.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="150"/>
        <source>Lot</source>
        <translation>Lotto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="156"/>
        <source>Problem list</source>
        <translation>Lista dei problemi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="158"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="159"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="256"/>
        <source>ICD-9-CM</source>
        <translation>ICD-9-CM</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="161"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="162"/>
        <source>Chronic</source>
        <translation>Cronico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="163"/>
        <source>Resolved on</source>
        <translation>Risolto il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="175"/>
        <source>No relevant clinical problems</source>
        <translation>Nessun problema clinico rilevante</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="179"/>
        <source>Lifestyle</source>
        <translation>Stile di vita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="180"/>
        <source>Aspect</source>
        <translation>Aspetto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="180"/>
        <source>Habit</source>
        <translation>Abitudine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="180"/>
        <source>Since</source>
        <translation>Dal</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="185"/>
        <source>Pregnancies and births</source>
        <translation>Gravidanze e parti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="186"/>
        <source>Ended on</source>
        <translation>Conclusa il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="186"/>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="186"/>
        <source>Weeks</source>
        <translation>Settimane</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="191"/>
        <source>Vital signs</source>
        <translation>Parametri vitali</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="192"/>
        <source>Measurement</source>
        <translation>Parametro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="192"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="192"/>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="197"/>
        <source>Implants, prostheses and aids</source>
        <translation>Protesi, impianti e ausili</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="198"/>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="198"/>
        <source>Implanted on</source>
        <translation>Impiantato il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="203"/>
        <source>Care plans</source>
        <translation>Piani di cura</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="204"/>
        <source>Plan</source>
        <translation>Piano</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="204"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="219"/>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="209"/>
        <source>Treatments and procedures</source>
        <translation>Trattamenti e procedure</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="210"/>
        <source>Procedure</source>
        <translation>Procedura</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="215"/>
        <source>Visits and admissions</source>
        <translation>Visite e ricoveri</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="217"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="220"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="221"/>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="278"/>
        <source>Facility</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="222"/>
        <source>Diagnosis</source>
        <translation>Diagnosi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="228"/>
        <source>Functional status</source>
        <translation>Stato funzionale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="229"/>
        <source>Assessment</source>
        <translation>Valutazione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="234"/>
        <source>Diagnostic tests and laboratory</source>
        <translation>Indagini diagnostiche e di laboratorio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="236"/>
        <source>Test</source>
        <translation>Indagine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="237"/>
        <source>LOINC</source>
        <translation>LOINC</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="239"/>
        <source>Result</source>
        <translation>Risultato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="246"/>
        <source>Organ donation</source>
        <translation>Donazione di organi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="247"/>
        <source>Choice</source>
        <translation>Scelta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="247"/>
        <source>Recorded on</source>
        <translation>Registrata il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="252"/>
        <source>Family history</source>
        <translation>Anamnesi familiare</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="254"/>
        <source>Relative</source>
        <translation>Familiare</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="255"/>
        <source>Condition</source>
        <translation>Patologia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="257"/>
        <source>Age at onset</source>
        <translation>Età all&apos;esordio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="258"/>
        <source>Deceased</source>
        <translation>Deceduto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="267"/>
        <source>Family history negative</source>
        <translation>Anamnesi familiare negativa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="271"/>
        <source>Exemptions</source>
        <translation>Esenzioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="272"/>
        <source>Exemption</source>
        <translation>Esenzione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="272"/>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="272"/>
        <source>Until</source>
        <translation>Al</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="277"/>
        <source>Disease networks</source>
        <translation>Reti di patologia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="278"/>
        <source>Network</source>
        <translation>Rete</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/sections.py" line="278"/>
        <source>Enrolled on</source>
        <translation>Arruolato il</translation>
    </message>
</context>
<context>
    <name>PublishConfirmDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/publish_confirm.py" line="40"/>
        <source>Sign and publish the PSS</source>
        <translation>Firma e pubblica il PSS</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/publish_confirm.py" line="43"/>
        <source>Sign with your certificate and publish to the FSE this Profilo Sanitario Sintetico of &lt;b&gt;{name}&lt;/b&gt; (CF {cf})? Below is the document as it will be signed and as the patient will receive it.</source>
        <translation>Firmare con il tuo certificato e pubblicare nel FSE questo Profilo Sanitario Sintetico di &lt;b&gt;{name}&lt;/b&gt; (CF {cf})? Qui sotto il documento così come sarà firmato e come lo riceverà l&apos;assistito.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/publish_confirm.py" line="49"/>
        <source>Preparing the document…</source>
        <translation>Preparazione del documento…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/publish_confirm.py" line="57"/>
        <source>Sign and publish</source>
        <translation>Firma e pubblica</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/publish_confirm.py" line="80"/>
        <source>%n pages.</source>
        <translation>
            <numerusform>%n pagina.</numerusform>
            <numerusform>%n pagine.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurposeSelector</name>
    <message>
        <location filename="../../../fse_desk_ui/purpose_selector.py" line="30"/>
        <source>Why you are consulting the FSE: recorded with every access and sent to the region with what you publish.</source>
        <translation>Perché stai consultando il FSE: viene registrata a ogni accesso e inviata alla Regione con ciò che pubblichi.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/purpose_selector.py" line="48"/>
        <source>Purpose of use</source>
        <translation>Finalità dell&apos;accesso</translation>
    </message>
</context>
<context>
    <name>ReadingsModel</name>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="47"/>
        <source>Measured at</source>
        <translation>Rilevato il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="48"/>
        <source>Vital sign</source>
        <translation>Parametro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="49"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="50"/>
        <source>Measured by</source>
        <translation>Rilevato da</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="51"/>
        <source>FSE</source>
        <translation>FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="68"/>
        <source>Device: {name}</source>
        <translation>Dispositivo: {name}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="72"/>
        <source>waiting to send</source>
        <translation>in attesa di invio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="72"/>
        <source>sent</source>
        <translation>inviato</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="41"/>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="91"/>
        <source>Televisit report</source>
        <translation>Referto di televisita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="49"/>
        <source>Findings, conclusions, advice</source>
        <translation>Esito, conclusioni, indicazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="52"/>
        <source>Informed consent to telemedicine: recorded.</source>
        <translation>Consenso informato alla telemedicina: registrato.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="55"/>
        <source>Informed consent to telemedicine: not recorded. A video visit cannot be reported without it; record it from the Televisits tab.</source>
        <translation>Consenso informato alla telemedicina: non registrato. Senza consenso non si può refertare una visita in video; registralo dalla scheda Televisite.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="60"/>
        <source>The connection failed: the visit took place in person</source>
        <translation>Il collegamento non è riuscito: la visita si è svolta in presenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/report_dialog.py" line="63"/>
        <source>Sign and publish</source>
        <translation>Firma e pubblica</translation>
    </message>
</context>
<context>
    <name>ReviewUndoBar</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/review_undo.py" line="26"/>
        <source>Undo</source>
        <translation>Annulla modifica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/review_undo.py" line="27"/>
        <source>Show these documents as new again</source>
        <translation>Mostra di nuovo questi documenti come nuovi</translation>
    </message>
</context>
<context>
    <name>RilevazioneDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="47"/>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="114"/>
        <source>Report rilevazione for the FSE</source>
        <translation>Report rilevazione per il FSE</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="53"/>
        <source>Period {start} – {end}; {n} alarm(s) in the period.</source>
        <translation>Periodo {start} – {end}; allarmi nel periodo: {n}.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="60"/>
        <source>No telemonitoring plan.</source>
        <translation>Nessun piano di telemonitoraggio.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="64"/>
        <source>Parameter</source>
        <translation>Parametro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="64"/>
        <source>Readings</source>
        <translation>Rilevazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="64"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="64"/>
        <source>Mean</source>
        <translation>Media</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="65"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="84"/>
        <source>I have reviewed these readings and confirm the report for the patient&apos;s FSE</source>
        <translation>Ho verificato queste rilevazioni e confermo il report per il FSE dell&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/publish_dialog.py" line="88"/>
        <source>Sign and publish</source>
        <translation>Firma e pubblica</translation>
    </message>
</context>
<context>
    <name>SectionList</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_list.py" line="42"/>
        <source>Required section</source>
        <translation>Sezione obbligatoria</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_list.py" line="54"/>
        <source>none</source>
        <translation>nessuna</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_list.py" line="56"/>
        <source>to fill in</source>
        <translation>da compilare</translation>
    </message>
</context>
<context>
    <name>SectionPanel</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="65"/>
        <source>required</source>
        <translation>obbligatoria</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="82"/>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="244"/>
        <source>Add entry</source>
        <translation>Aggiungi voce</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="83"/>
        <source>Add an entry to this section (Ctrl+N)</source>
        <translation>Aggiungi una voce a questa sezione (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="84"/>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="85"/>
        <source>Remove the selected entry (Del)</source>
        <translation>Rimuovi la voce selezionata (Canc)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="163"/>
        <source>The section has entries: remove them to state it empty.</source>
        <translation>La sezione contiene voci: rimuovile per dichiararla vuota.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="232"/>
        <source>Remove entry</source>
        <translation>Rimuovi voce</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="254"/>
        <source>Edit entry</source>
        <translation>Modifica voce</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="263"/>
        <source>State the section empty</source>
        <translation>Dichiara vuota la sezione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/section_panel.py" line="263"/>
        <source>Section no longer empty</source>
        <translation>Sezione non più vuota</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="77"/>
        <source>Qt&apos;s own Italian texts</source>
        <translation>testi italiani di Qt</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="79"/>
        <source>open the encrypted cache and start the demo region</source>
        <translation>apertura della cache cifrata e avvio della regione dimostrativa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="84"/>
        <source>sync the patients</source>
        <translation>sincronizzazione degli assistiti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="85"/>
        <source>open the main window</source>
        <translation>apertura della finestra principale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="86"/>
        <source>show a CDA document</source>
        <translation>visualizzazione di un documento CDA</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="87"/>
        <source>render a PDF page</source>
        <translation>visualizzazione di una pagina PDF</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="88"/>
        <source>show a DICOM image</source>
        <translation>visualizzazione di un&apos;immagine DICOM</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="89"/>
        <source>draw a chart</source>
        <translation>disegno di un grafico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="98"/>
        <source>Self-test failed at step “{step}”: {why}</source>
        <translation>Autoverifica non riuscita al passo «{step}»: {why}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="110"/>
        <source>Self-test passed: FSE Desk works on this computer.</source>
        <translation>Autoverifica superata: FSE Desk funziona su questo computer.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="152"/>
        <source>the workstation is not open</source>
        <translation>la postazione non è aperta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="166"/>
        <source>Qt&apos;s Italian translations are missing: standard dialogs would be in English</source>
        <translation>mancano le traduzioni italiane di Qt: le finestre standard sarebbero in inglese</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="177"/>
        <source>the throwaway cache key did not stay in its folder</source>
        <translation>la chiave della cache di prova non è rimasta nella sua cartella</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="181"/>
        <source>encrypted cache of a throwaway profile</source>
        <translation>cache cifrata di un profilo di prova usa e getta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="187"/>
        <source>the sync brought no patients or no documents</source>
        <translation>la sincronizzazione non ha portato assistiti o documenti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="191"/>
        <source>{patients} patients, {documents} documents</source>
        <translation>{patients} assistiti, {documents} documenti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="199"/>
        <source>the main window was drawn blank</source>
        <translation>la finestra principale è risultata vuota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="222"/>
        <source>the CDA document showed no text</source>
        <translation>il documento CDA non mostra alcun testo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="225"/>
        <source>the CDA document was drawn blank</source>
        <translation>il documento CDA è risultato vuoto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="230"/>
        <source>no lab report in CDA among the synced documents</source>
        <translation>nessun referto di laboratorio in CDA tra i documenti sincronizzati</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="238"/>
        <source>the PDF page was drawn blank</source>
        <translation>la pagina PDF è risultata vuota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="241"/>
        <source>no PDF among the synced documents</source>
        <translation>nessun PDF tra i documenti sincronizzati</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="263"/>
        <source>the DICOM image was drawn blank</source>
        <translation>l&apos;immagine DICOM è risultata vuota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="268"/>
        <source>no DICOM study on the demo PACS</source>
        <translation>nessuno studio DICOM sul PACS dimostrativo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="273"/>
        <source>no lab result to chart</source>
        <translation>nessun risultato di laboratorio da rappresentare nel grafico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="277"/>
        <source>the lab result has no values to chart</source>
        <translation>il risultato di laboratorio non ha valori da rappresentare</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/self_test.py" line="281"/>
        <source>the chart was drawn blank</source>
        <translation>il grafico è risultato vuoto</translation>
    </message>
</context>
<context>
    <name>SettingsAction</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/action.py" line="21"/>
        <source>Settings…</source>
        <translation>Impostazioni…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/action.py" line="24"/>
        <source>Region, certificates, PACS, video server, language, screen lock</source>
        <translation>Regione, certificati, PACS, server video, lingua, blocco schermo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/action.py" line="38"/>
        <location filename="../../../fse_desk_ui/settings/action.py" line="59"/>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="57"/>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="77"/>
        <source>Configuration file: {path}</source>
        <translation>File di configurazione: {path}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="95"/>
        <source>Region</source>
        <translation>Regione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="100"/>
        <source>FSE Desk is running on the demo region. The first-run wizard connects a real region: its addresses, the certificate and the operator, tested before saving.</source>
        <translation>FSE Desk sta usando la regione dimostrativa. La procedura di primo avvio collega una regione reale: indirizzi, certificato e operatore, provati prima di salvare.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="107"/>
        <source>Connect a real region…</source>
        <translation>Collega una regione reale…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="126"/>
        <source>The region is configured: restart FSE Desk to leave the demo and use it.</source>
        <translation>La regione è configurata: riavvia FSE Desk per lasciare la demo e usarla.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="131"/>
        <source>Certificates</source>
        <translation>Certificati</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="137"/>
        <source>Signing certificate (PKCS#12)</source>
        <translation>Certificato di firma (PKCS#12)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="144"/>
        <source>leave empty to keep the one saved</source>
        <translation>lascia vuoto per tenere quella salvata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="147"/>
        <source>Signing passphrase</source>
        <translation>Passphrase di firma</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="161"/>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="163"/>
        <source>DICOMweb (web address)</source>
        <translation>DICOMweb (indirizzo web)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="164"/>
        <source>DICOM network (DIMSE)</source>
        <translation>Rete DICOM (DIMSE)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="165"/>
        <source>How to reach it</source>
        <translation>Come raggiungerlo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="169"/>
        <source>DICOMweb address</source>
        <translation>Indirizzo DICOMweb</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="172"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="176"/>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="179"/>
        <source>PACS AE title</source>
        <translation>AE title del PACS</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="183"/>
        <source>Our AE title</source>
        <translation>Nostro AE title</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="196"/>
        <source>Televisits</source>
        <translation>Televisite</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="200"/>
        <source>Video server address</source>
        <translation>Indirizzo del server video</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="204"/>
        <source>General</source>
        <translation>Generale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="208"/>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="212"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="216"/>
        <source>Lock the screen after</source>
        <translation>Blocca lo schermo dopo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="225"/>
        <source>Printed under the practice&apos;s name on the PSS the patient receives</source>
        <translation>Stampato sotto il nome dello studio nel PSS che riceve l&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="227"/>
        <source>Practice address</source>
        <translation>Indirizzo dello studio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="230"/>
        <source>In the demo the screen locks after 10 minutes.</source>
        <translation>Nella demo lo schermo si blocca dopo 10 minuti.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="232"/>
        <source>In the demo the practice is the demo region&apos;s.</source>
        <translation>Nella demo lo studio è quello della regione dimostrativa.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="292"/>
        <source>This passphrase does not open the signing certificate.</source>
        <translation>Questa passphrase non apre il certificato di firma.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="301"/>
        <source>Settings saved. The changes to the region, certificates, PACS or video server take effect the next time FSE Desk starts.</source>
        <translation>Impostazioni salvate. Le modifiche a regione, certificati, PACS o server video avranno effetto al prossimo avvio di FSE Desk.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/settings/settings_dialog.py" line="306"/>
        <source>Settings saved. New windows use the new language at once; the main window changes language the next time FSE Desk starts.</source>
        <translation>Impostazioni salvate. Le nuove finestre usano subito la nuova lingua; la finestra principale cambierà lingua al prossimo avvio di FSE Desk.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="30"/>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="32"/>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="31"/>
        <source>Choose your profile and type your passphrase.</source>
        <translation>Scegli il tuo profilo e digita la tua passphrase.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="41"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="46"/>
        <source>Demo operator (MMG)</source>
        <translation>Operatore demo (MMG)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="48"/>
        <source>Profile</source>
        <translation>Profilo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="49"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/sign_in.py" line="51"/>
        <source>Demo passphrase: {passphrase}</source>
        <translation>Passphrase della demo: {passphrase}</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../../fse_desk_ui/signin/_form.py" line="31"/>
        <source>FSE Desk</source>
        <translation>FSE Desk</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/_form.py" line="49"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>SigningPassphraseDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/signing_passphrase.py" line="31"/>
        <source>Unlock the signing certificate</source>
        <translation>Sblocca il certificato di firma</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signing_passphrase.py" line="34"/>
        <source>Enter the passphrase of your signing certificate. It unlocks the certificate until you close FSE Desk and is not saved anywhere.</source>
        <translation>Inserisci la passphrase del certificato di firma. Sblocca il certificato fino alla chiusura di FSE Desk e non viene salvata da nessuna parte.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signing_passphrase.py" line="50"/>
        <source>Unlock and sign</source>
        <translation>Sblocca e firma</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="33"/>
        <source>Open the outbox</source>
        <translation>Apri la coda di invio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="42"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="105"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="62"/>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="65"/>
        <source>Built-in demonstration FSE: synthetic patients, no real data.</source>
        <translation>FSE dimostrativo integrato: assistiti sintetici, nessun dato reale.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="73"/>
        <source>No system keyring: the key of this demo cache is kept in a file beside it.</source>
        <translation>Nessun portachiavi di sistema: la chiave di questa cache dimostrativa è in un file accanto alla cache.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="98"/>
        <source>{name} · {role} (confirmed by the region)</source>
        <translation>{name} · {role} (confermato dalla Regione)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="102"/>
        <source>{name} · {role} (assigned by the administrator)</source>
        <translation>{name} · {role} (assegnato dall&apos;amministratore)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="112"/>
        <source>Purpose: {purpose}</source>
        <translation>Finalità: {purpose}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="120"/>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="122"/>
        <source>Connecting…</source>
        <translation>Connessione…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="124"/>
        <source>Online</source>
        <translation>In linea</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="126"/>
        <source>Offline since {when}</source>
        <translation>Non in linea dal {when}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="131"/>
        <source>Offline</source>
        <translation>Non in linea</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="137"/>
        <source>Last sync: {when}</source>
        <translation>Ultima sincronizzazione: {when}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="139"/>
        <source>Never synced</source>
        <translation>Mai sincronizzato</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/status_area.py" line="141"/>
        <source>Outbox: %n to send</source>
        <translation>
            <numerusform>In uscita: %n da inviare</numerusform>
            <numerusform>In uscita: %n da inviare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/status_area.py" line="144"/>
        <source>%n unreadable records</source>
        <translation>
            <numerusform>%n record non leggibile</numerusform>
            <numerusform>%n record non leggibili</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="146"/>
        <source>{type}/{id} version {version}: {reason}</source>
        <translation>{type}/{id} versione {version}: {reason}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/status_area.py" line="153"/>
        <source>Records from the regional FSE that could not be read; the sync goes on without them and tries each again when it changes on the server.</source>
        <translation>Record del fascicolo regionale che non è stato possibile leggere; la sincronizzazione prosegue senza di essi e li riprova quando cambiano sul server.</translation>
    </message>
</context>
<context>
    <name>SuggestionReason</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="18"/>
        <source>Ongoing: prescribed again and again</source>
        <translation>In corso: prescritto più volte</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="22"/>
        <source>Ongoing: a drug class taken long term</source>
        <translation>In corso: classe di farmaci per uso prolungato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="26"/>
        <source>Ongoing: no end of treatment stated</source>
        <translation>In corso: nessuna fine della terapia indicata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="30"/>
        <source>Short course: the prescription states a few days</source>
        <translation>Ciclo breve: la prescrizione indica pochi giorni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="34"/>
        <source>Short course: a drug class given in courses, prescribed once</source>
        <translation>Ciclo breve: classe di farmaci usata a cicli, prescritta una sola volta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="38"/>
        <source>Resolved: treated by a procedure named in the same letter</source>
        <translation>Risolto: trattato con l&apos;intervento indicato nella stessa lettera</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="42"/>
        <source>Resolved: not mentioned for more than {years} years</source>
        <translation>Risolto: non più citato da oltre {years} anni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="46"/>
        <source>Resolved, as the source states</source>
        <translation>Risolto, come indica la fonte</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestion_reasons.py" line="48"/>
        <source>Active: stated recently, or a chronic disease</source>
        <translation>Attivo: citato di recente, o malattia cronica</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="58"/>
        <source>Entry</source>
        <translation>Voce</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="58"/>
        <source>Found in</source>
        <translation>Trovato in</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="58"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="79"/>
        <source>“Update from the FSE” reads the patient&apos;s documents since the last version and proposes problems, therapies and allergies to add.</source>
        <translation>«Aggiorna dal fascicolo» legge i documenti dell&apos;assistito successivi all&apos;ultima versione e propone problemi, terapie e allergie da aggiungere.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="116"/>
        <source>Short courses, not proposed (%n)</source>
        <translation>
            <numerusform>Cicli brevi, non proposti (%n)</numerusform>
            <numerusform>Cicli brevi, non proposti (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="121"/>
        <source>The PSS lists the therapies the patient takes: a course of a few days is over. Add one by hand if it is still going on.</source>
        <translation>Il PSS elenca le terapie che il paziente assume: un ciclo di pochi giorni è già concluso. Aggiungerlo a mano se è ancora in corso.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="131"/>
        <source>To be coded (%n)</source>
        <translation>
            <numerusform>Da codificare (%n)</numerusform>
            <numerusform>Da codificare (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="142"/>
        <source>%n new suggestion(s)</source>
        <translation>
            <numerusform>%n nuovo suggerimento</numerusform>
            <numerusform>%n nuovi suggerimenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="143"/>
        <source>from %n document(s) read.</source>
        <translation>
            <numerusform>da %n documento letto.</numerusform>
            <numerusform>da %n documenti letti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="148"/>
        <source>%n document(s) could not be downloaded because the FSE cannot be reached now: update again when back online to read them too.</source>
        <translation>
            <numerusform>%n documento non è stato scaricato perché il fascicolo ora non è raggiungibile: aggiorna di nuovo quando torni in linea per leggere anche quello.</numerusform>
            <numerusform>%n documenti non sono stati scaricati perché il fascicolo ora non è raggiungibile: aggiorna di nuovo quando torni in linea per leggere anche quelli.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="157"/>
        <source>%n document(s) not downloaded yet could not be read.</source>
        <translation>
            <numerusform>%n documento non ancora scaricato non è stato letto.</numerusform>
            <numerusform>%n documenti non ancora scaricati non sono stati letti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="163"/>
        <source>%n document(s) without structured text were skipped.</source>
        <translation>
            <numerusform>%n documento senza testo strutturato è stato saltato.</numerusform>
            <numerusform>%n documenti senza testo strutturato sono stati saltati.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="196"/>
        <source>Accept all</source>
        <translation>Accetta tutti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="196"/>
        <source>Add every suggestion of this section to the draft</source>
        <translation>Aggiungi alla bozza tutti i suggerimenti di questa sezione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="208"/>
        <source>Matched from the words of the document: check the code.</source>
        <translation>Riconosciuto dalle parole del documento: verifica il codice.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="219"/>
        <source>Accept</source>
        <translation>Accetta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="219"/>
        <source>Add it to the draft (Enter)</source>
        <translation>Aggiungilo alla bozza (Invio)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="220"/>
        <source>Reject</source>
        <translation>Rifiuta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/suggestions_panel.py" line="220"/>
        <source>Leave it out (Del)</source>
        <translation>Lascialo fuori (Canc)</translation>
    </message>
</context>
<context>
    <name>TagBrowser</name>
    <message>
        <location filename="../../../fse_desk_ui/imaging/tag_browser.py" line="14"/>
        <source>DICOM tags</source>
        <translation>Tag DICOM</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/tag_browser.py" line="18"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/tag_browser.py" line="18"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/tag_browser.py" line="18"/>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/tag_browser.py" line="18"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
</context>
<context>
    <name>TelemonitoringTab</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="74"/>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="76"/>
        <source>7 d</source>
        <translation>7 g</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="77"/>
        <source>30 d</source>
        <translation>30 g</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="78"/>
        <source>90 d</source>
        <translation>90 g</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="79"/>
        <source>1 y</source>
        <translation>1 a</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="80"/>
        <source>all</source>
        <translation>tutto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="91"/>
        <source>Report…</source>
        <translation>Report…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="94"/>
        <source>Period report (PDF)</source>
        <translation>Report del periodo (PDF)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="95"/>
        <source>AGP, one page (PDF)</source>
        <translation>AGP, una pagina (PDF)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="96"/>
        <source>Report rilevazione for the FSE (PDF)</source>
        <translation>Report rilevazione per il FSE (PDF)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="101"/>
        <source>Sign and publish the Report rilevazione…</source>
        <translation>Firma e pubblica il Report rilevazione…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="153"/>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="192"/>
        <source>Not enrolled in telemonitoring; no readings.</source>
        <translation>Non arruolato in telemonitoraggio; nessuna rilevazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="195"/>
        <source>No telemonitoring plan; readings from the FSE and the desk.</source>
        <translation>Nessun piano di telemonitoraggio; rilevazioni dal FSE e dallo studio.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="198"/>
        <source>%n alarm(s)</source>
        <translation>
            <numerusform>%n allarme</numerusform>
            <numerusform>%n allarmi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="204"/>
        <source>No telemonitoring plan.</source>
        <translation>Nessun piano di telemonitoraggio.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="230"/>
        <source>Save report</source>
        <translation>Salva report</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/tab.py" line="259"/>
        <source>Report rilevazione signed and queued for the FSE.</source>
        <translation>Report rilevazione firmato e in coda per il FSE.</translation>
    </message>
</context>
<context>
    <name>TelevisitsTab</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="86"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="86"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="86"/>
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="86"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="86"/>
        <source>CUP</source>
        <translation>CUP</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="93"/>
        <source>Book…</source>
        <translation>Prenota…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="96"/>
        <source>Start televisit</source>
        <translation>Avvia televisita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="98"/>
        <source>Invitations…</source>
        <translation>Inviti…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="100"/>
        <source>Write report…</source>
        <translation>Scrivi il referto…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="107"/>
        <source>only this appointment</source>
        <translation>solo questo appuntamento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="109"/>
        <source>this and the following of the series</source>
        <translation>questo e i successivi della serie</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="116"/>
        <source>Move</source>
        <translation>Sposta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="118"/>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="289"/>
        <source>Cancel appointment</source>
        <translation>Disdici l&apos;appuntamento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="136"/>
        <source>Change</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="138"/>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="269"/>
        <source>%n appointment(s) moved.</source>
        <translation>
            <numerusform>%n appuntamento spostato.</numerusform>
            <numerusform>%n appuntamenti spostati.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="278"/>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="279"/>
        <source>The new time clashes:
{conflicts}

Move anyway?</source>
        <translation>Il nuovo orario è in conflitto:
{conflicts}

Spostare comunque?</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="290"/>
        <source>Cancel {scope} of {when}? The cancellation is recorded.</source>
        <translation>Disdire l&apos;appuntamento del {when} ({scope})? La disdetta viene registrata.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="303"/>
        <source>%n appointment(s) cancelled.</source>
        <translation>
            <numerusform>%n appuntamento disdetto.</numerusform>
            <numerusform>%n appuntamenti disdetti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="306"/>
        <source>%n request(s) on the waiting list fit the time freed.</source>
        <translation>
            <numerusform>%n richiesta in lista d&apos;attesa può occupare l&apos;orario liberato.</numerusform>
            <numerusform>%n richieste in lista d&apos;attesa possono occupare l&apos;orario liberato.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="328"/>
        <source>The report is signed and queued: it reaches the FSE with the next sync.</source>
        <translation>Il referto è firmato e in coda: arriverà al FSE con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="342"/>
        <source>Save the invitations in</source>
        <translation>Salva gli inviti in</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/televisits_tab.py" line="369"/>
        <source>Invitations saved in {folder}.</source>
        <translation>Inviti salvati in {folder}.</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="99"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="99"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="99"/>
        <source>Facility</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="99"/>
        <source>Author</source>
        <translation>Autore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="115"/>
        <source>{title} (replaced)</source>
        <translation>{title} (sostituito)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="121"/>
        <source>Uploaded by the patient</source>
        <translation>Caricato dall&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="160"/>
        <source>Replaced by a newer version: this is not the current document</source>
        <translation>Sostituito da una versione più recente: non è il documento attuale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="162"/>
        <source>Uploaded by the patient to the personal notebook (taccuino)</source>
        <translation>Caricato dall&apos;assistito nel taccuino personale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="164"/>
        <source>New since your last review</source>
        <translation>Nuovo dall&apos;ultima revisione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="166"/>
        <source>Available offline</source>
        <translation>Disponibile offline</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/model.py" line="166"/>
        <source>Not downloaded yet</source>
        <translation>Non ancora scaricato</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="70"/>
        <source>Search titles and document text (Ctrl+F)</source>
        <translation>Cerca nei titoli e nel testo dei documenti (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="80"/>
        <source>All periods</source>
        <translation>Tutto il periodo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="81"/>
        <source>Last year</source>
        <translation>Ultimo anno</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="82"/>
        <source>Last 5 years</source>
        <translation>Ultimi 5 anni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="85"/>
        <source>Only new</source>
        <translation>Solo nuovi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="86"/>
        <source>Mark as reviewed</source>
        <translation>Segna come visti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="87"/>
        <source>Download for offline use</source>
        <translation>Scarica per uso offline</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="90"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="102"/>
        <source>Download them and search again</source>
        <translation>Scaricali e cerca di nuovo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="236"/>
        <source>This patient has not consented to the consultation of their FSE: the timeline shows nothing from the FSE.</source>
        <translation>L&apos;assistito non ha dato il consenso alla consultazione del proprio FSE: la cronologia non mostra nulla del FSE.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="260"/>
        <source>All classes</source>
        <translation>Tutte le classi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="262"/>
        <source>All facilities</source>
        <translation>Tutte le strutture</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="323"/>
        <source>All classes ({n})</source>
        <translation>Tutte le classi ({n})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="332"/>
        <source>%n documents</source>
        <translation>
            <numerusform>%n documento</numerusform>
            <numerusform>%n documenti</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="335"/>
        <source>Only new ({n})</source>
        <translation>Solo nuovi ({n})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="340"/>
        <source>%n documents are not downloaded yet: their text is not searched.</source>
        <translation>
            <numerusform>%n documento non è ancora scaricato: il suo testo non viene cercato.</numerusform>
            <numerusform>%n documenti non sono ancora scaricati: il loro testo non viene cercato.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="367"/>
        <source>%n documents marked as reviewed.</source>
        <translation>
            <numerusform>%n documento segnato come visto.</numerusform>
            <numerusform>%n documenti segnati come visti.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="374"/>
        <source>“{title}” marked as seen.</source>
        <translation>«{title}» segnato come visto.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="379"/>
        <source>Mark as seen</source>
        <translation>Segna come visto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="459"/>
        <source>Download cancelled: the documents already downloaded stay available offline.</source>
        <translation>Scaricamento annullato: i documenti già scaricati restano disponibili offline.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/timeline/widget.py" line="486"/>
        <source>All the documents of this patient are available offline (%n downloaded now).</source>
        <translation>
            <numerusform>Tutti i documenti dell&apos;assistito sono disponibili offline (%n scaricato ora).</numerusform>
            <numerusform>Tutti i documenti dell&apos;assistito sono disponibili offline (%n scaricati ora).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackCharts</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/charts.py" line="273"/>
        <source>device: {name}</source>
        <translation>dispositivo: {name}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/charts.py" line="275"/>
        <source>professional: {name}</source>
        <translation>professionista: {name}</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/validation_panel.py" line="58"/>
        <source>The PSS was not sent: correct these points and publish again.</source>
        <translation>Il PSS non è stato inviato: correggi questi punti e pubblica di nuovo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../fse_desk_ui/pss/editor/validation_panel.py" line="62"/>
        <source>%n point(s) to correct before publishing.</source>
        <translation>
            <numerusform>%n punto da correggere prima della pubblicazione.</numerusform>
            <numerusform>%n punti da correggere prima della pubblicazione.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/pss/editor/validation_panel.py" line="65"/>
        <source>No problems found: the PSS can be published.</source>
        <translation>Nessun problema: il PSS può essere pubblicato.</translation>
    </message>
</context>
<context>
    <name>ViewerControls</name>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="41"/>
        <source>Open…</source>
        <translation>Apri…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="44"/>
        <source>Files…</source>
        <translation>File…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="45"/>
        <source>Folder…</source>
        <translation>Cartella…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="46"/>
        <source>CD / DICOMDIR…</source>
        <translation>CD / DICOMDIR…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="49"/>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="55"/>
        <source>Length</source>
        <translation>Lunghezza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="56"/>
        <source>Angle</source>
        <translation>Angolo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="57"/>
        <source>Ellipse ROI</source>
        <translation>ROI ellittica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="65"/>
        <source>Remove measurements</source>
        <translation>Rimuovi misure</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="69"/>
        <source>File window</source>
        <translation>Finestra del file</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="71"/>
        <source>Lung</source>
        <translation>Polmone</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="72"/>
        <source>Mediastinum</source>
        <translation>Mediastino</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="73"/>
        <source>Abdomen</source>
        <translation>Addome</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="74"/>
        <source>Bone</source>
        <translation>Osso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="75"/>
        <source>Brain</source>
        <translation>Encefalo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="81"/>
        <source>Invert</source>
        <translation>Inverti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="84"/>
        <source>Fit</source>
        <translation>Adatta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="85"/>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="86"/>
        <source>Rotate</source>
        <translation>Ruota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="87"/>
        <source>Flip H</source>
        <translation>Rifletti O</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="88"/>
        <source>Flip V</source>
        <translation>Rifletti V</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="90"/>
        <source>Cine</source>
        <translation>Cine</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="99"/>
        <source>1×2</source>
        <translation>1×2</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="101"/>
        <source>Overlays</source>
        <translation>Sovrimpressioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="104"/>
        <source>Tags</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="106"/>
        <source>Export…</source>
        <translation>Esporta…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="109"/>
        <source>View as PNG, with overlays…</source>
        <translation>Vista come PNG, con sovrimpressioni…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="110"/>
        <source>View as PNG, without overlays…</source>
        <translation>Vista come PNG, senza sovrimpressioni…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="111"/>
        <source>Study as anonymised DICOM…</source>
        <translation>Studio come DICOM anonimizzato…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="158"/>
        <source>Export the view</source>
        <translation>Esporta la vista</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/imaging/controls.py" line="164"/>
        <source>Folder for the anonymised study</source>
        <translation>Cartella per lo studio anonimizzato</translation>
    </message>
</context>
<context>
    <name>VitalsDialog</name>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="48"/>
        <source>Record vital signs — {name}</source>
        <translation>Rileva parametri — {name}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="76"/>
        <source>Measured at</source>
        <translation>Rilevato il</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="79"/>
        <source>Measured by</source>
        <translation>Rilevato da</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="82"/>
        <source>e.g. at home, after rest, left arm</source>
        <translation>es. a domicilio, dopo riposo, braccio sinistro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="84"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="103"/>
        <source>Plausible range {low}–{high} {unit}</source>
        <translation>Intervallo plausibile {low}–{high} {unit}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="128"/>
        <source>The value is outside the plausible range {low}–{high} {unit}: check it.</source>
        <translation>Il valore è fuori dall&apos;intervallo plausibile {low}–{high} {unit}: controllalo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="148"/>
        <source>Type a number, e.g. 37,5.</source>
        <translation>Scrivi un numero, ad esempio 37,5.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="156"/>
        <source>Blood pressure needs both systolic and diastolic.</source>
        <translation>Per la pressione servono sia la sistolica sia la diastolica.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="167"/>
        <source>The diastolic pressure must be lower than the systolic.</source>
        <translation>La pressione diastolica deve essere inferiore alla sistolica.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="174"/>
        <source>Enter at least one value.</source>
        <translation>Inserisci almeno un valore.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="177"/>
        <source>The time of measurement is in the future.</source>
        <translation>L&apos;ora della rilevazione è nel futuro.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_dialog.py" line="180"/>
        <source>Say who measured.</source>
        <translation>Indica chi ha rilevato.</translation>
    </message>
</context>
<context>
    <name>VitalsTab</name>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="82"/>
        <source>Record vital signs…</source>
        <translation>Rileva parametri…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/vitals_tab.py" line="84"/>
        <source>No vital signs for this patient yet.</source>
        <translation>Nessun parametro vitale per questo paziente.</translation>
    </message>
</context>
<context>
    <name>agenda</name>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="23"/>
        <source>Televisit</source>
        <translation>Televisita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="24"/>
        <source>Teleconsultation</source>
        <translation>Teleconsulto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="25"/>
        <source>Telemonitoring review</source>
        <translation>Revisione del telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="28"/>
        <source>In-person visit</source>
        <translation>Visita in ambulatorio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="34"/>
        <source>proposed</source>
        <translation>proposto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="35"/>
        <source>pending</source>
        <translation>in attesa di conferma</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="36"/>
        <source>booked</source>
        <translation>prenotato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="37"/>
        <source>arrived</source>
        <translation>arrivato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="38"/>
        <source>checked in</source>
        <translation>accettato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="39"/>
        <source>done</source>
        <translation>eseguito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="40"/>
        <source>cancelled</source>
        <translation>disdetto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="41"/>
        <source>no-show</source>
        <translation>non presentato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="42"/>
        <source>entered in error</source>
        <translation>inserito per errore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="45"/>
        <source>waiting list</source>
        <translation>lista d&apos;attesa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="52"/>
        <source>accepted</source>
        <translation>ha accettato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="53"/>
        <source>declined</source>
        <translation>ha rifiutato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="54"/>
        <source>not sure yet</source>
        <translation>in forse</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="55"/>
        <source>to be asked</source>
        <translation>da sentire</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="61"/>
        <source>{who} is already booked from {start} to {end}</source>
        <translation>{who} ha già un appuntamento dal {start} alle {end}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="64"/>
        <source>The patient</source>
        <translation>L&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="69"/>
        <source>{who} does not work at that time</source>
        <translation>{who} non è in servizio a quell&apos;ora</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/agenda/labels.py" line="72"/>
        <source>The time is in the past</source>
        <translation>L&apos;orario è già passato</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../../fse_desk_ui/window_setup.py" line="30"/>
        <source>Demo passphrase: {passphrase}</source>
        <translation>Passphrase della demo: {passphrase}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/session.py" line="89"/>
        <source>Opening FSE Desk…</source>
        <translation>Apertura di FSE Desk…</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/signin/session.py" line="90"/>
        <location filename="../../../fse_desk_ui/signin/session.py" line="129"/>
        <source>FSE Desk</source>
        <translation>FSE Desk</translation>
    </message>
</context>
<context>
    <name>cda</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="64"/>
        <source>[Image not available in the document: {name}]</source>
        <translation>[Immagine non disponibile nel documento: {name}]</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="75"/>
        <source>born {date}</source>
        <translation>nato/a il {date}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="80"/>
        <source>normal</source>
        <translation>normale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="81"/>
        <source>restricted</source>
        <translation>riservato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="82"/>
        <source>very restricted</source>
        <translation>strettamente riservato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="85"/>
        <source>Patient</source>
        <translation>Assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="86"/>
        <source>Codice fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="87"/>
        <source>Document type</source>
        <translation>Tipo di documento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="88"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="89"/>
        <source>Author</source>
        <translation>Autore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="90"/>
        <source>Custodian</source>
        <translation>Custode</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="91"/>
        <source>Legal authenticator</source>
        <translation>Firmato da</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="92"/>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="94"/>
        <source>Confidentiality</source>
        <translation>Riservatezza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/cda_html.py" line="119"/>
        <source>The document has no sections.</source>
        <translation>Il documento non contiene sezioni.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="27"/>
        <source>No system keyring is available, so FSE Desk cannot protect the key of the local cache and will not keep real patient data. Install and unlock a keyring (GNOME Keyring, KWallet, Windows or macOS keychain) and start again.</source>
        <translation>Nessun portachiavi di sistema disponibile: FSE Desk non può proteggere la chiave della cache locale e non conserverà dati reali degli assistiti. Installa e sblocca un portachiavi (GNOME Keyring, KWallet, Portachiavi di Windows o macOS) e riavvia.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="33"/>
        <source>The key of the local cache is missing from the system keyring. The cache was not touched. Restore the keyring or call support.</source>
        <translation>La chiave della cache locale non è più nel portachiavi di sistema. La cache non è stata toccata. Ripristina il portachiavi o chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="38"/>
        <source>The key does not open the encrypted local cache. The file was not changed. Check that you are using the right profile, or call support.</source>
        <translation>La chiave non apre la cache locale cifrata. Il file non è stato modificato. Verifica di usare il profilo giusto o chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="43"/>
        <source>The local cache is in use by another FSE Desk window. Close it and try again.</source>
        <translation>La cache locale è in uso da un&apos;altra finestra di FSE Desk. Chiudila e riprova.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="47"/>
        <source>The local cache cannot be written (read-only disk or folder). Data already saved is safe. Check the permissions and try again.</source>
        <translation>Impossibile scrivere nella cache locale (disco o cartella in sola lettura). I dati già salvati sono al sicuro. Controlla i permessi e riprova.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="52"/>
        <source>The disk is full: nothing more can be saved in the local cache. Data already saved is safe. Free some space and try again.</source>
        <translation>Il disco è pieno: non si può salvare altro nella cache locale. I dati già salvati sono al sicuro. Libera spazio e riprova.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="57"/>
        <source>The local cache could not be upgraded; nothing was changed. Call support.</source>
        <translation>Non è stato possibile aggiornare la cache locale; nulla è stato modificato. Chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="60"/>
        <source>The local cache reported an error. Data already saved is safe. Restart FSE Desk; if it happens again, call support.</source>
        <translation>La cache locale ha segnalato un errore. I dati già salvati sono al sicuro. Riavvia FSE Desk; se si ripete, chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="65"/>
        <source>Cannot reach the PACS (image archive). Check the connection and try again; the reports and local files can still be opened.</source>
        <translation>Impossibile contattare il PACS (archivio immagini). Controlla la connessione e riprova; referti e file locali restano consultabili.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="70"/>
        <source>The PACS answered with an error and the images could not be fetched. Try again; if it happens again, call support.</source>
        <translation>Il PACS ha risposto con un errore e le immagini non sono state scaricate. Riprova; se succede ancora, chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="75"/>
        <source>The image file cannot be read: it is damaged or not a DICOM image. Ask for a new copy of the CD or of the file.</source>
        <translation>Il file immagine non si può leggere: è danneggiato o non è un&apos;immagine DICOM. Chiedi una nuova copia del CD o del file.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="80"/>
        <source>This measurement cannot be made on this image (for example it has no pixel size).</source>
        <translation>Questa misura non si può fare su questa immagine (per esempio manca la dimensione del pixel).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="84"/>
        <source>The image could not be shown. Try again or open another series.</source>
        <translation>Non è stato possibile mostrare l&apos;immagine. Riprova o apri un&apos;altra serie.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="87"/>
        <source>Cannot reach the FSE server. Check the connection and try again; meanwhile you keep working on the cached data.</source>
        <translation>Impossibile contattare il server FSE. Controlla la connessione e riprova; intanto puoi lavorare sui dati in cache.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="92"/>
        <source>The FSE server did not answer in time. Try again shortly; meanwhile you keep working on the cached data.</source>
        <translation>Il server FSE non ha risposto in tempo. Riprova tra poco; intanto puoi lavorare sui dati in cache.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="97"/>
        <source>The FSE server refused the credentials. Check the operator certificate in the configuration.</source>
        <translation>Il server FSE ha rifiutato le credenziali. Controlla il certificato dell&apos;operatore nella configurazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="102"/>
        <source>This document has not been downloaded yet and the FSE server cannot be reached: it can be read when the connection returns. Next time use &quot;Download for offline use&quot; before leaving.</source>
        <translation>Questo documento non è ancora stato scaricato e il server FSE non è raggiungibile: si potrà leggere quando torna la connessione. La prossima volta usa &quot;Scarica per uso offline&quot; prima di partire.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="108"/>
        <source>The document was not opened for safety: it contains references to external content or entity declarations that FSE Desk does not process. Ask the issuing facility for a copy.</source>
        <translation>Il documento non è stato aperto per sicurezza: contiene riferimenti a contenuti esterni o dichiarazioni di entità che FSE Desk non elabora. Chiedine una copia alla struttura che l&apos;ha emesso.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="114"/>
        <source>The document is too large to be shown here. Ask the issuing facility for a copy.</source>
        <translation>Il documento è troppo grande per essere mostrato qui. Chiedine una copia alla struttura che l&apos;ha emesso.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="118"/>
        <source>The document is damaged or in a format that cannot be read (for example a wrong character encoding). Ask the issuing facility for a copy.</source>
        <translation>Il documento è danneggiato o in un formato non leggibile (per esempio una codifica dei caratteri errata). Chiedine una copia alla struttura che l&apos;ha emesso.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="123"/>
        <source>The document cannot be shown. Ask the issuing facility for a copy.</source>
        <translation>Il documento non può essere mostrato. Chiedine una copia alla struttura che l&apos;ha emesso.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="126"/>
        <source>The patient has not consented to the consultation of their FSE: nothing can be shown or downloaded.</source>
        <translation>L&apos;assistito non ha dato il consenso alla consultazione del proprio FSE: non si può mostrare né scaricare nulla.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="131"/>
        <source>The patient&apos;s informed consent to telemedicine is not recorded (or was withdrawn): record it in the Televisits tab before booking or starting a televisit.</source>
        <translation>Il consenso informato del paziente alla telemedicina non è registrato (o è stato revocato): registralo nella scheda Televisite prima di prenotare o avviare una televisita.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="136"/>
        <source>The requested item no longer exists on the FSE server.</source>
        <translation>L&apos;elemento richiesto non esiste più sul server FSE.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="139"/>
        <source>The FSE server answered with an error. Try again; if it happens again, call support.</source>
        <translation>Il server FSE ha risposto con un errore. Riprova; se si ripete, chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="143"/>
        <source>Communication with the FSE server failed. Try again later.</source>
        <translation>La comunicazione con il server FSE non è riuscita. Riprova più tardi.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="146"/>
        <source>The FSE gateway refused the operator&apos;s signature tokens. Check that the signing certificate is valid and configured, then try again.</source>
        <translation>Il gateway FSE ha rifiutato i token di firma dell&apos;operatore. Verifica che il certificato di firma sia valido e configurato, poi riprova.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="151"/>
        <source>The FSE gateway refused the document. Read the reason shown, correct the document and send it again.</source>
        <translation>Il gateway FSE ha rifiutato il documento. Leggi il motivo indicato, correggi il documento e invialo di nuovo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="156"/>
        <source>The passphrase does not open the signing certificate. Enter it again.</source>
        <translation>La passphrase non apre il certificato di firma. Inseriscila di nuovo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="160"/>
        <source>The passphrase of the signing certificate is not in the system keyring. Enter it again in the settings.</source>
        <translation>La passphrase del certificato di firma non è nel portachiavi di sistema. Inseriscila di nuovo nelle impostazioni.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="165"/>
        <source>The signing certificate is locked: enter its passphrase to sign.</source>
        <translation>Il certificato di firma è bloccato: inserisci la passphrase per firmare.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="169"/>
        <source>The signing certificate is expired or not yet valid. Ask your region for a new one.</source>
        <translation>Il certificato di firma è scaduto o non ancora valido. Chiedine uno nuovo alla tua regione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="173"/>
        <source>The signing certificate cannot be used. Check the certificate file in the configuration.</source>
        <translation>Il certificato di firma non è utilizzabile. Controlla il file del certificato nella configurazione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="178"/>
        <source>The document could not be signed. Nothing was sent. Try again; if it happens again, call support.</source>
        <translation>Non è stato possibile firmare il documento. Non è stato inviato nulla. Riprova; se si ripete, chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="183"/>
        <source>You cannot publish the PSS: only general practitioners (MMG) and family paediatricians (PLS) write it. You can still read it.</source>
        <translation>Non puoi pubblicare il PSS: lo redigono solo i medici di medicina generale (MMG) e i pediatri di libera scelta (PLS). Puoi comunque consultarlo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="188"/>
        <source>Your role does not allow this. Nothing was shown or changed. Ask a colleague whose role allows it.</source>
        <translation>Il tuo ruolo non lo consente. Non è stato mostrato né modificato nulla. Chiedi a un collega il cui ruolo lo consente.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="193"/>
        <source>The access log of this workstation has been altered or cut short. You can keep working, and every access is still logged. Tell the privacy officer (DPO) today.</source>
        <translation>Il registro degli accessi di questa postazione è stato alterato o troncato. Puoi continuare a lavorare e ogni accesso viene comunque registrato. Avvisa oggi stesso il responsabile della protezione dei dati (DPO).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="198"/>
        <source>The PSS cannot be published yet: some fields are missing or not valid. Correct the fields listed and publish again. Nothing was sent.</source>
        <translation>Il PSS non può ancora essere pubblicato: alcuni campi mancano o non sono validi. Correggi i campi indicati e pubblica di nuovo. Non è stato inviato nulla.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="203"/>
        <source>The appointment clashes with other bookings or with the opening hours. Look at the conflicts listed and confirm, or choose another time. Nothing was booked.</source>
        <translation>L&apos;appuntamento è in conflitto con altre prenotazioni o con l&apos;orario di servizio. Guarda i conflitti elencati e conferma, oppure scegli un altro orario. Non è stato prenotato nulla.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="208"/>
        <source>The vocabulary file is not valid: nothing was imported. Fix the line and column shown and import it again.</source>
        <translation>Il file del vocabolario non è valido: non è stato importato nulla. Correggi la riga e la colonna indicate e importalo di nuovo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="213"/>
        <source>The demo region is not installed on this computer. Install the fse-desk[demo] package, or write the configuration of your region (see the README).</source>
        <translation>La regione dimostrativa non è installata su questo computer. Installa il pacchetto fse-desk[demo] oppure scrivi la configurazione della tua regione (vedi il README).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="218"/>
        <source>The configuration is not valid. Fix the configuration file (see the README) and start again.</source>
        <translation>La configurazione non è valida. Correggi il file di configurazione (vedi il README) e riavvia.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="223"/>
        <source>The passphrase is not right. Type it again (capital letters count); nothing was opened.</source>
        <translation>La passphrase non è corretta. Digitala di nuovo (maiuscole e minuscole contano); non è stato aperto nulla.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="228"/>
        <source>Operation cancelled.</source>
        <translation>Operazione annullata.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="229"/>
        <source>Something went wrong. Try again; if it happens again, call support.</source>
        <translation>Qualcosa non ha funzionato. Riprova; se si ripete, chiama l&apos;assistenza.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="232"/>
        <source>Unexpected error. Try again; if it happens again, call support. The details are in the log.</source>
        <translation>Errore imprevisto. Riprova; se si ripete, chiama l&apos;assistenza. I dettagli sono nel registro.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="242"/>
        <source>The FSE gateway refused the operator&apos;s signature tokens. Check that the signing certificate is valid, issued by an authority the region trusts and configured, then retry.</source>
        <translation>Il gateway FSE ha rifiutato i token di firma dell&apos;operatore. Verifica che il certificato di firma sia valido, rilasciato da un&apos;autorità riconosciuta dalla regione e configurato, poi riprova.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="248"/>
        <source>The FSE gateway refused the signature of the PDF. Check the signing certificate, then publish the PSS again.</source>
        <translation>Il gateway FSE ha rifiutato la firma del PDF. Verifica il certificato di firma, poi pubblica di nuovo il PSS.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="253"/>
        <source>The FSE gateway found the PSS not valid. Correct it as the reason says and publish it again.</source>
        <translation>Il gateway FSE ha trovato il PSS non valido. Correggilo come indicato nel motivo e pubblicalo di nuovo.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="258"/>
        <source>The FSE already holds this document with a different content. Start a new version of the PSS instead of sending this one again.</source>
        <translation>Il FSE contiene già questo documento con un contenuto diverso. Crea una nuova versione del PSS invece di reinviare questa.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="263"/>
        <source>The FSE does not know the patient, or the PSS version this one replaces. Check the patient&apos;s codice fiscale, sync, and start the new version again.</source>
        <translation>Il FSE non conosce l&apos;assistito, o la versione del PSS che questa sostituisce. Verifica il codice fiscale, sincronizza e ricomincia la nuova versione.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="296"/>
        <source>{hint} The FSE gateway said: “{said}”</source>
        <translation>{hint} Il gateway FSE ha risposto: «{said}»</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="303"/>
        <source>see this patient&apos;s documents</source>
        <translation>vedere i documenti di questo assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="304"/>
        <source>read this kind of document</source>
        <translation>leggere questo tipo di documento</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="305"/>
        <source>see the vital signs</source>
        <translation>vedere i parametri vitali</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="306"/>
        <source>record vital signs</source>
        <translation>registrare i parametri vitali</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="307"/>
        <source>write the Profilo Sanitario Sintetico</source>
        <translation>scrivere il Profilo Sanitario Sintetico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="310"/>
        <source>sign and publish the Profilo Sanitario Sintetico</source>
        <translation>firmare e pubblicare il Profilo Sanitario Sintetico</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="313"/>
        <source>sign a televisit report</source>
        <translation>firmare un referto di televisita</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="314"/>
        <source>see the agenda</source>
        <translation>vedere l&apos;agenda</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="315"/>
        <source>book televisits</source>
        <translation>prenotare televisite</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="316"/>
        <source>book televisits for other professionals</source>
        <translation>prenotare televisite per altri professionisti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="319"/>
        <source>see telemonitoring data</source>
        <translation>vedere i dati di telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="320"/>
        <source>handle telemonitoring alarms</source>
        <translation>gestire gli allarmi di telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="321"/>
        <source>discard changes waiting to be sent</source>
        <translation>scartare le modifiche in attesa di invio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="324"/>
        <source>see diagnostic images</source>
        <translation>vedere le immagini diagnostiche</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="325"/>
        <source>export images</source>
        <translation>esportare immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="326"/>
        <source>print the report of accesses to the FSE</source>
        <translation>stampare il resoconto degli accessi al fascicolo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="329"/>
        <source>access data for this purpose</source>
        <translation>accedere ai dati per questa finalità</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="335"/>
        <source>general practitioner (MMG)</source>
        <translation>medico di medicina generale (MMG)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="336"/>
        <source>family paediatrician (PLS)</source>
        <translation>pediatra di libera scelta (PLS)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="337"/>
        <source>specialist</source>
        <translation>specialista</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="338"/>
        <source>nurse</source>
        <translation>infermiere</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="339"/>
        <source>social worker</source>
        <translation>assistente sociale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="340"/>
        <source>administrative staff</source>
        <translation>personale amministrativo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="347"/>
        <source>treatment</source>
        <translation>cura</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="348"/>
        <source>emergency</source>
        <translation>emergenza</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="349"/>
        <source>public health</source>
        <translation>sanità pubblica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="350"/>
        <source>administration</source>
        <translation>amministrativa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="362"/>
        <source>Write the professional&apos;s name and surname.</source>
        <translation>Scrivi il nome e il cognome del professionista.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="365"/>
        <source>The codice fiscale is not valid: it has 16 characters and its last letter is a check letter. Copy it from the health card.</source>
        <translation>Il codice fiscale non è valido: ha 16 caratteri e l&apos;ultima lettera è di controllo. Copialo dalla tessera sanitaria.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="370"/>
        <source>The passphrase needs at least 8 characters. Choose a longer one.</source>
        <translation>La passphrase deve avere almeno 8 caratteri. Scegline una più lunga.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="373"/>
        <source>The two passphrases differ. Type the same passphrase twice.</source>
        <translation>Le due passphrase sono diverse. Digita due volte la stessa passphrase.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="376"/>
        <source>The practitioner id may hold letters, digits, &apos;-&apos; and &apos;.&apos; only (as the regional FHIR server writes it), or stay empty.</source>
        <translation>L&apos;identificativo del professionista può contenere solo lettere, cifre, &apos;-&apos; e &apos;.&apos; (come lo scrive il server FHIR regionale), oppure restare vuoto.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="387"/>
        <source>You are signed in as {role}: this role cannot {action}. Nothing was shown or changed. Ask a colleague whose role allows it.</source>
        <translation>Hai effettuato l&apos;accesso come {role}: questo ruolo non può {action}. Non è stato mostrato né modificato nulla. Chiedi a un collega il cui ruolo lo consente.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/messages.py" line="402"/>
        <source>You cannot publish this PSS: the FSE does not name you as this patient&apos;s GP (MMG) or family paediatrician (PLS). You can still read it.</source>
        <translation>Non puoi pubblicare questo PSS: il FSE non ti indica come medico (MMG) o pediatra (PLS) di questo assistito. Puoi comunque consultarlo.</translation>
    </message>
</context>
<context>
    <name>outbox</name>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="39"/>
        <source>waiting</source>
        <translation>in attesa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="40"/>
        <source>sending</source>
        <translation>in invio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="41"/>
        <source>awaiting outcome</source>
        <translation>in attesa di esito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="42"/>
        <source>sent</source>
        <translation>inviato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="43"/>
        <source>error</source>
        <translation>errore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="44"/>
        <source>conflict</source>
        <translation>conflitto</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="45"/>
        <source>discarded</source>
        <translation>scartato</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/outbox_panel.py" line="52"/>
        <source>Patient summary (PSS), version {n}</source>
        <translation>Profilo Sanitario Sintetico, versione {n}</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="14"/>
        <source>Preparing the demo region (first start only)</source>
        <translation>Preparazione della regione dimostrativa (solo al primo avvio)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="17"/>
        <source>Patients</source>
        <translation>Assistiti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="18"/>
        <source>Consents</source>
        <translation>Consensi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="19"/>
        <source>Documents</source>
        <translation>Documenti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="20"/>
        <source>Documents of new consents</source>
        <translation>Documenti dei nuovi consensi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="23"/>
        <source>Deletions</source>
        <translation>Eliminazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="24"/>
        <source>Checking removed documents</source>
        <translation>Verifica dei documenti rimossi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="25"/>
        <source>Sending changes</source>
        <translation>Invio modifiche</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="26"/>
        <source>Downloading documents</source>
        <translation>Scaricamento dei documenti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="27"/>
        <source>Searching studies</source>
        <translation>Ricerca degli studi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="28"/>
        <source>Downloading images</source>
        <translation>Scaricamento delle immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="29"/>
        <source>Reading images</source>
        <translation>Lettura delle immagini</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="30"/>
        <source>Downloading the study</source>
        <translation>Scaricamento dello studio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="31"/>
        <source>Anonymised export</source>
        <translation>Esportazione anonimizzata</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="32"/>
        <source>Reading files</source>
        <translation>Lettura dei file</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="33"/>
        <source>Telemonitoring</source>
        <translation>Telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/progress_text.py" line="34"/>
        <source>Indexing documents for the PSS</source>
        <translation>Preparazione dei documenti per il PSS</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="50"/>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="84"/>
        <source>Parameter</source>
        <translation>Parametro</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="51"/>
        <source>Readings</source>
        <translation>Letture</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="52"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="53"/>
        <source>Mean</source>
        <translation>Media</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="54"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="83"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="85"/>
        <source>Rule</source>
        <translation>Regola</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="86"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="117"/>
        <source>Period {start} – {end}</source>
        <translation>Periodo {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="125"/>
        <source>Produced by {author} on {when} with FSE Desk.</source>
        <translation>Prodotto da {author} il {when} con FSE Desk.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="131"/>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="161"/>
        <source>Ambulatory Glucose Profile</source>
        <translation>Profilo glicemico ambulatoriale (AGP)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="136"/>
        <source>Glucose metrics</source>
        <translation>Indici glicemici</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="140"/>
        <source>Ambulatory Glucose Profile (AGP), last 14 days</source>
        <translation>Profilo glicemico ambulatoriale (AGP), ultimi 14 giorni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="145"/>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="195"/>
        <source>Summary</source>
        <translation>Sintesi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="146"/>
        <source>Charts</source>
        <translation>Grafici</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="148"/>
        <source>Figures of the period</source>
        <translation>Valori del periodo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="153"/>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="190"/>
        <source>Alarms</source>
        <translation>Allarmi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="166"/>
        <source>Telemonitoring report</source>
        <translation>Report di telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="172"/>
        <source>Plan {id}, valid {start} – {end}, signed by {who}</source>
        <translation>Piano {id}, valido {start} – {end}, firmato da {who}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="183"/>
        <source>Telemonitoring plan</source>
        <translation>Piano di telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="185"/>
        <source>Parameters measured</source>
        <translation>Parametri rilevati</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/reports.py" line="200"/>
        <source>Report rilevazione di telemonitoraggio</source>
        <translation>Report rilevazione di telemonitoraggio</translation>
    </message>
</context>
<context>
    <name>telemonitoring</name>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="20"/>
        <source>Below threshold</source>
        <translation>Sotto soglia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="21"/>
        <source>Above threshold</source>
        <translation>Sopra soglia</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="22"/>
        <source>Weight gain</source>
        <translation>Aumento di peso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="23"/>
        <source>Drop from baseline</source>
        <translation>Calo dal basale</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="29"/>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="30"/>
        <source>Medium</source>
        <translation>Media</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="31"/>
        <source>Low</source>
        <translation>Bassa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="37"/>
        <source>Heart failure</source>
        <translation>Scompenso cardiaco</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="38"/>
        <source>COPD</source>
        <translation>BPCO</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="39"/>
        <source>Diabetes</source>
        <translation>Diabete</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="40"/>
        <source>Hypertension</source>
        <translation>Ipertensione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="46"/>
        <source>morning</source>
        <translation>mattina</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="47"/>
        <source>afternoon</source>
        <translation>pomeriggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="48"/>
        <source>evening</source>
        <translation>sera</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="49"/>
        <source>night</source>
        <translation>notte</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="56"/>
        <source>+{value} kg</source>
        <translation>+{value} kg</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="64"/>
        <source>Time in range 70–180: {tir} % (target &gt; 70 %)</source>
        <translation>Tempo in range 70–180: {tir} % (obiettivo &gt; 70 %)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="67"/>
        <source>Below 70: {low} % · below 54: {very_low} % · above 180: {high} % · above 250: {very_high} %</source>
        <translation>Sotto 70: {low} % · sotto 54: {very_low} % · sopra 180: {high} % · sopra 250: {very_high} %</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="77"/>
        <source>Mean glucose {mean} mg/dL · GMI {gmi} % · CV {cv} % ({stable})</source>
        <translation>Glicemia media {mean} mg/dL · GMI {gmi} % · CV {cv} % ({stable})</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="83"/>
        <source>stable, ≤ 36 %</source>
        <translation>stabile, ≤ 36 %</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="85"/>
        <source>unstable, &gt; 36 %</source>
        <translation>instabile, &gt; 36 %</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="87"/>
        <source>Data: {days} days, {coverage} % of expected readings — {verdict}</source>
        <translation>Dati: {days} giorni, {coverage} % delle letture attese — {verdict}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="92"/>
        <source>sufficient</source>
        <translation>sufficienti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="94"/>
        <source>NOT sufficient</source>
        <translation>NON sufficienti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="102"/>
        <source>Home BP protocol: not enough readings in the last 7 days ({n}; 12 needed).</source>
        <translation>Pressione domiciliare: letture insufficienti negli ultimi 7 giorni ({n}; ne servono 12).</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="108"/>
        <source>hypertension (≥ 135/85)</source>
        <translation>ipertensione (≥ 135/85)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="110"/>
        <source>normal (&lt; 135/85)</source>
        <translation>nella norma (&lt; 135/85)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="112"/>
        <source>Home BP protocol {first}–{last}, day 1 discarded: mean {sys}/{dia} mmHg over {n} readings — {verdict}</source>
        <translation>Pressione domiciliare {first}–{last}, primo giorno escluso: media {sys}/{dia} mmHg su {n} letture — {verdict}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="128"/>
        <source>Weight {latest} kg, {change} kg against the lowest of the last {days} days ({baseline} kg); plan threshold +{limit} kg</source>
        <translation>Peso {latest} kg, {change} kg rispetto al minimo degli ultimi {days} giorni ({baseline} kg); soglia del piano +{limit} kg</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="140"/>
        <source>ABOVE THRESHOLD</source>
        <translation>SOPRA SOGLIA</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="148"/>
        <source>SpO2 {latest} %</source>
        <translation>SpO2 {latest} %</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="154"/>
        <source>threshold {low} %</source>
        <translation>soglia {low} %</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="160"/>
        <source>own baseline {baseline} %</source>
        <translation>basale personale {baseline} %</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="166"/>
        <source>BELOW THRESHOLD</source>
        <translation>SOTTO SOGLIA</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="175"/>
        <source>Plan expired on {end}: readings since then raise no alarm.</source>
        <translation>Piano scaduto il {end}: le rilevazioni successive non generano allarmi.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="179"/>
        <source>Plan stopped on {day}: readings since then raise no alarm.</source>
        <translation>Piano interrotto il {day}: le rilevazioni successive non generano allarmi.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="183"/>
        <source>Plan replaced by a newer one: its thresholds no longer apply.</source>
        <translation>Piano sostituito da uno più recente: le sue soglie non si applicano più.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="187"/>
        <source>Plan starting on {start}: no alarm before then.</source>
        <translation>Il piano inizia il {start}: nessun allarme prima di allora.</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="196"/>
        <source>type II: thresholds and automatic alarms</source>
        <translation>tipo II: soglie e allarmi automatici</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="198"/>
        <source>type I: periodic review, no automatic alarms</source>
        <translation>tipo I: revisione periodica, senza allarmi automatici</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="202"/>
        <source>Telemonitoring plan</source>
        <translation>Piano di telemonitoraggio</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="204"/>
        <source>Parameters</source>
        <translation>Parametri</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="205"/>
        <source>Thresholds</source>
        <translation>Soglie</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="206"/>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="212"/>
        <source>Period: {start} – {end}</source>
        <translation>Periodo: {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="216"/>
        <source>Programmes: {names}</source>
        <translation>Percorsi: {names}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="219"/>
        <source>Signed by {who} on {when}</source>
        <translation>Firmato da {who} il {when}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="227"/>
        <source>{name}: {n} a day {when}</source>
        <translation>{name}: {n} al giorno {when}</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="239"/>
        <source>systolic</source>
        <translation>sistolica</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/telemonitoring/texts.py" line="241"/>
        <source>diastolic</source>
        <translation>diastolica</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="31"/>
        <source>Patient summaries (PSS)</source>
        <translation>Profili sanitari sintetici (PSS)</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="32"/>
        <source>Reports</source>
        <translation>Referti</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="33"/>
        <source>Discharge letters</source>
        <translation>Lettere di dimissione</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="34"/>
        <source>Emergency department reports</source>
        <translation>Verbali di pronto soccorso</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="35"/>
        <source>Prescriptions</source>
        <translation>Prescrizioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="36"/>
        <source>Dispensed services</source>
        <translation>Erogazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="37"/>
        <source>Vaccinations</source>
        <translation>Vaccinazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="38"/>
        <source>Exemptions</source>
        <translation>Esenzioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="39"/>
        <source>Care plans</source>
        <translation>Piani terapeutici</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="40"/>
        <source>Screening invitations</source>
        <translation>Inviti allo screening</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="41"/>
        <source>Bookings</source>
        <translation>Prenotazioni</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="42"/>
        <source>Patient notebook (taccuino)</source>
        <translation>Taccuino dell&apos;assistito</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/timeline/labels.py" line="43"/>
        <source>Paediatric check-ups</source>
        <translation>Bilanci di salute</translation>
    </message>
</context>
<context>
    <name>vitals</name>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="15"/>
        <source>Blood pressure</source>
        <translation>Pressione arteriosa</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="16"/>
        <source>Heart rate</source>
        <translation>Frequenza cardiaca</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="17"/>
        <source>SpO2</source>
        <translation>SpO2</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="18"/>
        <source>Body weight</source>
        <translation>Peso corporeo</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="19"/>
        <source>Body temperature</source>
        <translation>Temperatura corporea</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="20"/>
        <source>Capillary glucose</source>
        <translation>Glicemia capillare</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="21"/>
        <source>Respiratory rate</source>
        <translation>Frequenza respiratoria</translation>
    </message>
    <message>
        <location filename="../../../fse_desk_ui/vitals/labels.py" line="46"/>
        <source>Glucose (CGM)</source>
        <translation>Glicemia (CGM)</translation>
    </message>
</context>
</TS>
