; Inno Setup script of FSE Desk for Windows (Inno Setup 6.3 or newer).
; Packs the one-folder bundle that installer/fse-desk.spec builds into dist\fse-desk; see
; installer/README.md for the steps. The version comes from the build (one place: the
; project's pyproject.toml):   iscc /DAppVersion=0.1.0 installer\windows\fse-desk.iss
;
; Installed per user, without administrator rights, into the user's programs folder. The
; user's data are not the program's: FSE Desk keeps its configuration and encrypted cache
; in %LOCALAPPDATA%\fse-desk\fse-desk (platformdirs, which names an author folder, then the
; application's; both are "fse-desk"), the cache key in the Windows Credential
; Manager. Uninstalling removes the program and keeps those data unless the user asks,
; because a cache may hold changes not yet sent to the regional FSE.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\windows\fse-desk.iss
#endif

[Setup]
AppId={{5B0F3C52-8E0A-4C7B-9E51-2F5D7A1C6E34}
AppName=FSE Desk
AppVersion={#AppVersion}
AppPublisher=FSE Desk
DefaultDirName={autopf}\FSE Desk
DefaultGroupName=FSE Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=fse-desk-{#AppVersion}-setup
SetupIconFile=..\..\fse_desk\resources\icons\fse-desk.ico
UninstallDisplayIcon={app}\fse-desk.exe
UninstallDisplayName=FSE Desk {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
italian.RemoveUserData=Eliminare anche i dati di FSE Desk di questo utente (configurazione e cache cifrata in %1)?%n%nLe modifiche non ancora inviate al Fascicolo Sanitario Elettronico andrebbero perse. Rispondi No per conservarli.
english.RemoveUserData=Also delete this user's FSE Desk data (configuration and encrypted cache in %1)?%n%nChanges not yet sent to the regional FSE would be lost. Answer No to keep them.

[Files]
Source: "..\..\dist\fse-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\FSE Desk"; Filename: "{app}\fse-desk.exe"
Name: "{group}\{cm:UninstallProgram,FSE Desk}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\fse-desk.exe"; Description: "{cm:LaunchProgram,FSE Desk}"; Flags: nowait postinstall skipifsilent

[Code]
// The author folder holding platformdirs.user_data_dir("fse-desk"), which is
// %LOCALAPPDATA%\fse-desk\fse-desk, and the configuration (the same place on Windows).
function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\fse-desk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  // Kept unless asked: a silent uninstall (an update, a deployment tool) never deletes data.
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent and DirExists(UserDataDir()) then
    if MsgBox(FmtMessage(CustomMessage('RemoveUserData'), [UserDataDir()]),
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(UserDataDir(), True, True, True);
end;
