"""The words a user reads for a core operation's progress.

The core labels its progress in English (it has no user language); the labels
that reach the screen are translated here, the one place they are listed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def progress_text(label: str) -> str:
    texts = {
        "Preparing the demo region": QCoreApplication.translate(
            "progress", "Preparing the demo region (first start only)"
        ),
        "Patients": QCoreApplication.translate("progress", "Patients"),
        "Consents": QCoreApplication.translate("progress", "Consents"),
        "Documents": QCoreApplication.translate("progress", "Documents"),
        "Documents of new consents": QCoreApplication.translate(
            "progress", "Documents of new consents"
        ),
        "Deletions": QCoreApplication.translate("progress", "Deletions"),
        "Reconciliation": QCoreApplication.translate("progress", "Checking removed documents"),
        "Sending changes": QCoreApplication.translate("progress", "Sending changes"),
        "Downloading documents": QCoreApplication.translate("progress", "Downloading documents"),
        "Searching studies": QCoreApplication.translate("progress", "Searching studies"),
        "Downloading images": QCoreApplication.translate("progress", "Downloading images"),
        "Reading images": QCoreApplication.translate("progress", "Reading images"),
        "Downloading the study": QCoreApplication.translate("progress", "Downloading the study"),
        "Anonymised export": QCoreApplication.translate("progress", "Anonymised export"),
        "Reading files": QCoreApplication.translate("progress", "Reading files"),
        "Telemonitoring": QCoreApplication.translate("progress", "Telemonitoring"),
        "Indexing documents for the PSS": QCoreApplication.translate(
            "progress", "Indexing documents for the PSS"
        ),
    }
    return texts.get(label, label)
