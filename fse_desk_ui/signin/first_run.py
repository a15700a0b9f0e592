"""The first start on a workstation with no profile: the first professional's profile.

Name, codice fiscale (checked by the core with python-codicefiscale), role, the
Practitioner id on the regional FHIR server and a passphrase typed twice. The first
profile administers the workstation (it adds colleagues and assigns roles the region
cannot confirm). A configuration ``[user]`` fills the fields in advance.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from fse_desk.config import UserConfig
from fse_desk.domain.roles import Role
from fse_desk.errors import FseDeskError, InvalidRecord
from fse_desk.security.profile import profile_name_for
from fse_desk.security.profiles import Profile, ProfileRegistry
from fse_desk_ui.formatting import sentence_case
from fse_desk_ui.messages import role_name
from fse_desk_ui.signin._form import SignInForm, passphrase_box


class FirstRunDialog(SignInForm):
    created = Signal(object)  # the Profile made

    def __init__(
        self, data_dir: Path, suggested: UserConfig | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Welcome to FSE Desk"),
            self.tr(
                "This workstation has no profile yet. Create yours: you will be its "
                "administrator and may add your colleagues later. The passphrase protects "
                "your encrypted cache; nobody can recover it for you."
            ),
            self.tr("Create profile and open"),
            parent,
        )
        self.buttons.accepted.connect(self.submit)
        self._registry = ProfileRegistry(data_dir)
        self._suggested = suggested
        self.profile: Profile | None = None
        self.name_box = QLineEdit()
        self.name_box.setPlaceholderText(self.tr("e.g. Dott.ssa Elena Guidotti"))
        self.cf_box = QLineEdit()
        self.cf_box.setMaxLength(16)
        self.cf_box.setPlaceholderText(self.tr("16 characters, as on the health card"))
        self.role_box = QComboBox()
        for role in Role:
            self.role_box.addItem(sentence_case(role_name(role.value)), role)
        self.practitioner_box = QLineEdit()
        self.practitioner_box.setPlaceholderText(self.tr("optional: as the region assigned it"))
        self.passphrase = passphrase_box()
        self.repeated = passphrase_box()
        self.form.addRow(self.tr("Name and surname"), self.name_box)
        self.form.addRow(self.tr("Codice fiscale"), self.cf_box)
        self.form.addRow(self.tr("Role"), self.role_box)
        self.form.addRow(self.tr("Practitioner id"), self.practitioner_box)
        self.form.addRow(self.tr("Passphrase"), self.passphrase)
        self.form.addRow(self.tr("Passphrase again"), self.repeated)
        if suggested is not None:
            self.name_box.setText(suggested.display_name)
            self.cf_box.setText(suggested.codice_fiscale)
            self.role_box.setCurrentIndex(self.role_box.findData(suggested.role))
            self.practitioner_box.setText(suggested.practitioner_id or "")
        self.name_box.setFocus()

    def submit(self) -> None:
        """Create the profile (the dialog then closes and says ``created``), or say what
        to correct and keep every field as typed."""
        try:
            self.profile = self._create()
        except FseDeskError as exc:
            self.show_error(exc)
            self._focus_culprit(exc)
            return
        self.created.emit(self.profile)
        self.accept()

    def _focus_culprit(self, exc: FseDeskError) -> None:
        """Put the cursor in the field to correct."""
        fields = {
            "display_name": self.name_box,
            "codice_fiscale": self.cf_box,
            "practitioner_id": self.practitioner_box,
            "passphrase": self.passphrase,
            "passphrase_repeated": self.repeated,
        }
        box = fields.get(exc.field) if isinstance(exc, InvalidRecord) else None
        if box is not None:
            box.setFocus()
            box.selectAll()

    def _create(self) -> Profile:
        display_name = self.name_box.text().strip()
        cf = self.cf_box.text().strip().upper()
        suggested = self._suggested
        # The configured [user]'s profile name keeps its certificate and cache folder.
        name = (
            suggested.profile
            if suggested is not None and suggested.codice_fiscale.upper() == cf
            else profile_name_for(display_name)
        )
        profile = Profile(
            name=name,
            display_name=display_name,
            codice_fiscale=cf,
            role=self.role_box.currentData(),
            practitioner_id=self.practitioner_box.text().strip() or None,
        )
        if self.passphrase.text() != self.repeated.text():
            raise InvalidRecord("the two passphrases differ", field="passphrase_repeated")
        return self._registry.create_first(profile, self.passphrase.text())
