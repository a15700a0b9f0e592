"""Judging an image's pixels from its header, before (or instead of) decoding them.

The scan of a folder or CD reads headers only; these checks give the true reason a
file cannot be shown: it has no Pixel Data (a report, a key-object note), its file
ends before the pixels its header promises (sized by photometric interpretation and
subsampling, so a 4:2:2 YBR image is not mistaken for a truncated one), or it is
compressed with a syntax no installed decoder reads (naming that syntax and what
would read it).
"""

from __future__ import annotations

from pydicom.dataset import Dataset
from pydicom.pixels import get_decoder
from pydicom.pixels.utils import get_expected_length
from pydicom.uid import UID

from fse_desk.domain.imaging import FailureReason
from fse_desk.errors import DicomFileError

IMPLICIT_LITTLE = "1.2.840.10008.1.2"
NATIVE_SYNTAXES = frozenset({IMPLICIT_LITTLE, "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"})
"""Uncompressed pixels, stored as the file's own bytes."""
_DEFLATED = "1.2.840.10008.1.2.1.99"  # the whole dataset is zipped; pydicom inflates it on reading


def transfer_syntax(ds: Dataset) -> str:
    meta = getattr(ds, "file_meta", None)
    return str(meta.get("TransferSyntaxUID", "") if meta is not None else "").strip()


def check_decodable(ds: Dataset) -> None:
    """Refuse (UNSUPPORTED) pixels compressed in a syntax no installed decoder reads."""
    syntax = transfer_syntax(ds)
    if not syntax or syntax in NATIVE_SYNTAXES or syntax == _DEFLATED:
        return
    uid = UID(syntax)
    sop = ds.get("SOPInstanceUID", "?")
    try:
        decoder = get_decoder(uid)
    except NotImplementedError as exc:
        raise DicomFileError(
            f"{sop}: no DICOM decoder exists for {uid.name} ({syntax}); "
            "the images must be exported from the PACS in another transfer syntax",
            reason=FailureReason.UNSUPPORTED.value,
            codec=uid.name,
        ) from exc
    if not decoder.is_available:
        needs = "; ".join(decoder.missing_dependencies) or "a decoder plugin"
        raise DicomFileError(
            f"{sop}: {uid.name} ({syntax}) needs a decoder that is not installed: {needs}",
            reason=FailureReason.UNSUPPORTED.value,
            codec=uid.name,
        )


def check_pixel_data(ds: Dataset, pixels_at: int, file_size: int, name: str) -> None:
    """``ds`` was read up to ``pixels_at`` (where its pixel data element starts) from a file of
    ``file_size`` bytes: refuse it if there are no pixels, or too few for an uncompressed image."""
    syntax = transfer_syntax(ds)
    if syntax == _DEFLATED:
        return  # offsets are in the inflated stream, not the file: decoding will judge
    if pixels_at >= file_size:
        raise DicomFileError(f"{name}: no Pixel Data element", reason=FailureReason.NO_IMAGE.value)
    if syntax and syntax not in NATIVE_SYNTAXES:
        return  # compressed: the decoder finds damage, the size says nothing
    # Tag and length (4 + 4 bytes), plus VR and reserved bytes (4) in explicit VR.
    element_header = 8 if syntax in ("", IMPLICIT_LITTLE) else 12
    available = file_size - pixels_at - element_header
    try:
        needed = int(get_expected_length(ds, "bytes"))
    except (AttributeError, KeyError, TypeError, ValueError):
        return  # attributes missing or odd: decoding will say what is wrong
    if available < needed:
        raise DicomFileError(
            f"{name}: {max(available, 0):,} bytes of pixels where the header needs {needed:,}",
            reason=FailureReason.TRUNCATED.value,
        )
