"""Shipped vocabularies, type-ahead search and the administrator's CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest

from fse_desk.errors import VocabularyFileError
from fse_desk.pss import codes
from fse_desk.pss.vocabularies import (
    SHIPPED,
    install_vocabulary,
    load_vocabulary,
    parse_vocabulary,
)


@pytest.mark.parametrize(
    ("kind", "at_least"), [("icd9cm", 150), ("atc", 120), ("allergens", 40), ("vaccines", 30)]
)
def test_shipped_lists_load_and_are_sized_as_promised(kind: str, at_least: int) -> None:
    vocabulary = load_vocabulary(kind)
    assert len(vocabulary) >= at_least
    assert (SHIPPED / "README.md").is_file()


def test_no_invented_aic_numbers_are_shipped() -> None:
    assert all(t.aic == "" for t in load_vocabulary("atc").terms)


def test_diab_finds_diabetes_first() -> None:
    hits = load_vocabulary("icd9cm").search("diab")
    assert hits[0].code == "250.00"
    assert hits[0].system == codes.ICD9CM
    assert all(h.code.startswith(("250", "357.2", "362.01")) for h in hits)


def test_metf_finds_metformin_first() -> None:
    hits = load_vocabulary("atc").search("metf")
    assert [h.code for h in hits] == ["A10BA02", "A10BD07"]
    assert hits[0].coded().system == codes.ATC


def test_search_ignores_accents_and_case() -> None:
    icd = load_vocabulary("icd9cm")
    assert [h.code for h in icd.search("OBESITA")] == [h.code for h in icd.search("obesità")]
    assert "278.00" in [h.code for h in icd.search("obesita")]
    assert icd.search("obesità")[0].display.startswith("Obesità")


def test_code_prefix_ranks_before_words_and_words_before_substrings() -> None:
    icd = load_vocabulary("icd9cm")
    assert icd.search("428.0")[0].code == "428.0"
    assert [h.code for h in icd.search("428")][:2] == ["428.0", "428.9"]
    assert icd.search("scompenso card")[0].code == "428.0"
    atc = load_vocabulary("atc")
    words = [h.code for h in atc.search("acido")]
    assert words[0] in ("B01AC06", "B03BB01", "M05BA04", "M05BA07", "N03AG01")
    inside = atc.search("statina")  # only inside words: still found, after word matches
    assert {"C10AA05", "C10AA07"} <= {h.code for h in inside}


def test_several_words_must_all_match() -> None:
    atc = load_vocabulary("atc")
    assert [h.code for h in atc.search("amoxi clav")] == ["J01CR02"]
    assert atc.search("") == [] and atc.search("zzzz") == []


def test_allergens_mix_atc_and_own_codes() -> None:
    allergens = load_vocabulary("allergens")
    assert allergens.search("penicill")[0].system == codes.ATC
    assert allergens.search("nichel")[0].system == codes.ALLERGENS


GOOD = 'code,display\n250.00,Diabete mellito tipo 2\n"V10.3","Anamnesi, tumore mammella"\n'


def test_import_of_a_good_file_installs_it_and_is_preferred(tmp_path: Path) -> None:
    source = tmp_path / "official.csv"
    source.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    installed = install_vocabulary("icd9cm", source, tmp_path / "vocab")
    assert len(installed) == 2
    loaded = load_vocabulary("icd9cm", tmp_path / "vocab")
    assert [t.display for t in loaded.terms][1] == "Anamnesi, tumore mammella"
    assert len(load_vocabulary("icd9cm", tmp_path / "elsewhere")) > 100


def test_import_of_an_atc_file_with_aic(tmp_path: Path) -> None:
    vocab = parse_vocabulary("atc", "code,display,aic\nA10BA02,Metformina,012345678\n")
    term = vocab.terms[0]
    aic = term.aic_coded()
    assert aic is not None and aic.system == codes.AIC and aic.code == "012345678"


@pytest.mark.parametrize(
    ("kind", "text", "line", "column", "message"),
    [
        ("icd9cm", "", 0, "", "empty"),
        ("icd9cm", "code,descrizione\n250.00,x\n", 1, "display", "header"),
        ("icd9cm", "code,display,extra\n250.00,x,y\n", 1, "extra", "unexpected extra"),
        ("icd9cm", "code,display\n250.00,Diabete\n25O.00,Typo\n", 3, "code", "not an ICD-9-CM"),
        ("icd9cm", "code,display\n250.00,\n", 2, "display", "display text is empty"),
        ("icd9cm", "code,display\n250.00,a\n\n250.00,b\n", 4, "code", "already appears on line 2"),
        ("icd9cm", "code,display\n250.00,a,b\n", 2, "", "3 columns"),
        ("icd9cm", "code,display\n", 1, "", "no terms"),
        ("icd9cm", 'code,display\n250.00,"open quote\n', 2, "", "not valid CSV"),
        ("atc", "code,display,aic\nA10BA2,Metformina,\n", 2, "code", "not an ATC code"),
        ("atc", "code,display,aic\nA10BA02,Metformina,12345\n", 2, "aic", "9 digits"),
        ("vaccines", "code,display\nA10BA02,Metformina\n", 2, "code", "J07"),
        ("allergens", "code,system,display\nNICHEL,SNOMED,Nichel\n", 2, "system", "ATC or FSE"),
        ("allergens", "code,system,display\nnichel,FSE-DESK,Nichel\n", 2, "code", "FSE-DESK"),
        ("unknown", "code,display\n", 0, "", "unknown vocabulary"),
    ],
)
def test_malformed_files_are_refused_naming_line_and_column(
    kind: str, text: str, line: int, column: str, message: str
) -> None:
    with pytest.raises(VocabularyFileError, match=message) as info:
        parse_vocabulary(kind, text)
    assert (info.value.line, info.value.column) == (line, column)


def test_non_utf8_file_is_refused_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "latin1.csv"
    source.write_bytes("code,display\n250.00,Diabete\n278.00,Obesità\n".encode("latin-1"))
    with pytest.raises(VocabularyFileError, match="not UTF-8") as info:
        install_vocabulary("icd9cm", source, tmp_path / "vocab")
    assert info.value.line == 3
    assert not (tmp_path / "vocab" / "icd9cm.csv").exists()


def test_a_bad_file_leaves_the_installed_list_untouched(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("code,display\nXXX,bad\n", encoding="utf-8")
    install_vocabulary("icd9cm", good, tmp_path / "vocab")
    with pytest.raises(VocabularyFileError):
        install_vocabulary("icd9cm", bad, tmp_path / "vocab")
    assert len(load_vocabulary("icd9cm", tmp_path / "vocab")) == 2


def test_an_administrator_imports_an_official_list_from_the_command_line(tmp_path: Path) -> None:
    import io

    from fse_desk.cli import import_vocabulary
    from fse_desk.config import load_config
    from fse_desk_ui.__main__ import main

    config = load_config(tmp_path / "none.toml", data_dir=tmp_path)
    good = tmp_path / "icd9.csv"
    good.write_text(
        "code,display\n250.00,Diabete mellito tipo 2\n401.9,Ipertensione\n", encoding="utf-8"
    )
    assert main(["--data-dir", str(tmp_path), "vocabulary", "import", "icd9cm", str(good)]) == 0
    installed = load_vocabulary("icd9cm", config.vocabulary_dir)
    assert [t.code for t in installed.terms] == ["250.00", "401.9"]

    bad = tmp_path / "bad.csv"
    bad.write_text("code,display\n25O.00,Diabete\n", encoding="utf-8")
    out = io.StringIO()
    assert import_vocabulary(config, "icd9cm", bad, out) == 1
    assert "line 2, column code" in out.getvalue()
    assert "il precedente resta in uso" in out.getvalue()
    assert len(load_vocabulary("icd9cm", config.vocabulary_dir)) == 2  # untouched
