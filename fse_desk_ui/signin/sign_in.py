"""Sign-in: choose your profile, type your passphrase.

A wrong passphrase is said in Italian and nothing else happens: no cache is opened
and the dialog waits for another try. In the demo the synthetic MMG is offered too,
with the demo passphrase shown (the demo holds no real patient).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from fse_desk.config import DEMO_PROFILE
from fse_desk.errors import FseDeskError
from fse_desk.security.profiles import Profile, ProfileRegistry
from fse_desk.security.unlock import DEMO_PASSPHRASE, unlock_check
from fse_desk_ui.messages import role_name
from fse_desk_ui.signin._form import SignInForm, passphrase_box


class SignInDialog(SignInForm):
    signed_in = Signal(object)  # the Profile, or None for the demo MMG

    def __init__(
        self, data_dir: Path, *, demo: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Sign in"),
            self.tr("Choose your profile and type your passphrase."),
            self.tr("Sign in"),
            parent,
        )
        self.buttons.accepted.connect(self.submit)
        self._data_dir = data_dir
        self._registry = ProfileRegistry(data_dir)
        self.profile: Profile | None = None
        self.profile_box = QComboBox()
        for profile in self._registry.profiles():
            label = self.tr("{name} · {role}").format(
                name=profile.display_name, role=role_name(profile.role.value)
            )
            self.profile_box.addItem(label, profile.name)
        if demo:
            self.profile_box.addItem(self.tr("Demo operator (MMG)"), DEMO_PROFILE)
        self.passphrase = passphrase_box()
        self.form.addRow(self.tr("Profile"), self.profile_box)
        self.form.addRow(self.tr("Passphrase"), self.passphrase)
        self.demo_hint = QLabel(
            self.tr("Demo passphrase: {passphrase}").format(passphrase=DEMO_PASSPHRASE)
        )
        self.form.addRow("", self.demo_hint)
        self.profile_box.currentIndexChanged.connect(self._on_profile_chosen)
        self._on_profile_chosen()
        self.passphrase.setFocus()

    def choose(self, name: str) -> None:
        """Select the profile called ``name`` as the user would."""
        index = self.profile_box.findData(name)
        if index < 0:
            raise ValueError(f"no profile {name!r} is offered")
        self.profile_box.setCurrentIndex(index)

    def _on_profile_chosen(self) -> None:
        self.demo_hint.setVisible(self.profile_box.currentData() == DEMO_PROFILE)
        self.error_label.hide()

    def submit(self) -> None:
        name = str(self.profile_box.currentData())
        try:
            if name == DEMO_PROFILE:
                check = unlock_check(self._data_dir, DEMO_PROFILE, demo=True)
                assert check is not None  # the demo always has its passphrase
                check(self.passphrase.text())
                self.profile = None
            else:
                self.profile = self._registry.sign_in(name, self.passphrase.text())
        except FseDeskError as exc:
            self.passphrase.clear()
            self.show_error(exc)
            return
        self.signed_in.emit(self.profile)
        self.accept()
