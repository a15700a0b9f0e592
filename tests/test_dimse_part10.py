"""An image received over DIMSE becomes a Part 10 file: the file meta group written by hand
must be the one pynetdicom's own writer (through pydicom) gives, byte for byte."""

from __future__ import annotations

import pytest
from pydicom.uid import ExplicitVRLittleEndian, JPEG2000Lossless
from pynetdicom.dsutils import create_file_meta, encode_file_meta

from fse_desk.connectors._part10 import part10

CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"


@pytest.mark.parametrize(
    ("instance", "syntax"),
    [
        ("2.25.1234", ExplicitVRLittleEndian),  # an odd-length UID, padded
        ("2.25.12345", JPEG2000Lossless),  # an even one
    ],
)
def test_the_file_meta_is_the_one_pynetdicom_writes(instance: str, syntax: str) -> None:
    body = b"the encoded dataset, as it came"
    meta = create_file_meta(
        sop_class_uid=CT_IMAGE, sop_instance_uid=instance, transfer_syntax=syntax
    )
    expected = b"\x00" * 128 + b"DICM" + encode_file_meta(meta) + body
    assert part10(body, sop_class=CT_IMAGE, sop_instance=instance, transfer_syntax=syntax) == (
        expected
    )
