"""FSE Desk entry point.

fse-desk                 open the workstation; with no region configured, the first-run
                         wizard (which also offers the demo)
fse-desk --demo          open the workstation on the built-in demo FSE
fse-desk sync --once     sync the cache without a window and print a summary
fse-desk vocabulary import KIND FILE
                         install an official list (icd9cm, atc, allergens, vaccines)
fse-desk --self-test     check this installation offscreen on a throwaway demo profile
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fse-desk", description="FSE Desk workstation")
    parser.add_argument("--config", type=Path, help="configuration file (TOML)")
    parser.add_argument("--data-dir", type=Path, help="where the cache and demo region live")
    parser.add_argument(
        "--demo", action="store_true", help="the built-in demo FSE, whatever is configured"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="offscreen: sync a throwaway demo profile, render each kind of content, exit",
    )
    commands = parser.add_subparsers(dest="command")
    sync = commands.add_parser("sync", help="sync the cache with the regional FSE")
    sync.add_argument(
        "--once", action="store_true", required=True, help="one sync, then exit (no window)"
    )
    vocabulary = commands.add_parser("vocabulary", help="PSS editor code lists")
    vocabulary.add_argument("action", choices=["import"])
    vocabulary.add_argument(
        "kind", help="which list the file replaces: icd9cm, atc, allergens or vaccines"
    )
    vocabulary.add_argument(
        "file",
        type=Path,
        help="CSV UTF-8, columns as documented in fse_desk/resources/vocabularies/README.md",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Request lines name patient resources: keep them out of the log.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from fse_desk.security.redaction import install_on

    install_on(logging.getLogger().handlers)  # no names, CFs or identifiers in the log
    if args.self_test:  # touches neither the configuration nor the data folder
        try:
            from fse_desk_ui.self_test import run_self_test
        except Exception as exc:  # a broken installation: a part of it does not even load
            logging.getLogger(__name__).exception("the self-test cannot start")
            print(
                "Autoverifica non riuscita: una parte di FSE Desk non si carica "
                f"({type(exc).__name__}); reinstallare il programma.",
                file=sys.stderr,
            )
            return 1
        return run_self_test()
    from fse_desk.config import default_config_path, demo_config, load_config
    from fse_desk.errors import ConfigError

    if args.config is not None:
        # The settings dialog writes back to the file this run started with.
        os.environ["FSE_DESK_CONFIG"] = str(args.config)
    try:
        config = load_config(args.config, data_dir=args.data_dir)
    except ConfigError as exc:
        print(f"Configurazione non valida: {exc}", file=sys.stderr)
        return 1
    if config.language:  # FSE_DESK_LANG, when set, still wins for this run
        os.environ.setdefault("FSE_DESK_LANG", config.language)
    if args.command == "sync":
        from fse_desk.cli import sync_once

        return sync_once(config)
    if args.command == "vocabulary":
        from fse_desk.cli import import_vocabulary

        return import_vocabulary(config, args.kind, args.file)
    if args.demo:
        config = demo_config(config)
    elif config.is_demo:
        from fse_desk_ui.settings import first_run

        chosen = first_run(default_config_path(), args.data_dir)
        if chosen is None:  # the wizard was closed: nothing to open
            return 0
        config = chosen
    from fse_desk_ui.app import run

    return run(config)


if __name__ == "__main__":
    sys.exit(main())
