"""``python -m pathways``: every dashboard number, reproducible from the command line.

Exit status: 0 success, 1 invalid data or no result, 2 usage error. Results go
to standard output; messages and errors to standard error, never a traceback
for a user's mistake. Disclosure control applies unless ``--raw`` is given.
"""

import argparse
import csv
import json
import sys

from pathways.disclosure_rules import RAW

EXIT_OK, EXIT_NO_RESULT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in the command's arguments (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def _load(directory):
    from pathways.loading import load_dataset

    return load_dataset(directory)


def _rules(dataset, raw):
    if raw:
        print("warning: --raw shows unprotected numbers; do not publish them", file=sys.stderr)
        return RAW
    return dataset.info.disclosure


def _short(value, rules):
    from pathways.disclosure import format_count_short

    return format_count_short(value, rules)


def _write_csv(frame, columns):
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in frame[columns].itertuples(index=False, name=None):
        writer.writerow(["" if cell is None or cell != cell else cell for cell in row])


def cmd_validate(args):
    dataset = _load(args.directory)
    summary = dataset.summary()
    for note in dataset.notes:
        print(f"note: {note}", file=sys.stderr)
    print(
        "valid: {people} people, {episodes} episodes, {transitions} transitions, "
        "{roles} roles, {responses} responses".format(**summary)
    )
    return EXIT_OK


def cmd_flows(args):
    from pathways.flows import transition_flows

    dataset = _load(args.directory)
    rules = _rules(dataset, args.raw)
    flows = transition_flows(dataset, level=args.level, rules=rules)
    flows["count"] = [_short(value, rules) for value in flows["count"]]
    _write_csv(flows, ["source", "target", "count"])
    return EXIT_OK


def cmd_routes(args):
    from pathways.graph import build_transition_graph
    from pathways.routes import find_routes, protect_route

    dataset = _load(args.directory)
    rules = _rules(dataset, args.raw)
    graph = build_transition_graph(dataset)
    routes = find_routes(
        graph,
        args.source,
        args.target,
        k=args.k,
        max_steps=args.max_steps,
        avoid_sectors=tuple(args.avoid),
        stays=dataset.stays,
    )
    print(json.dumps([protect_route(route, graph, rules) for route in routes], indent=2))
    return EXIT_OK


def cmd_barriers(args):
    from pathways.barriers import barrier_table

    dataset = _load(args.directory)
    rules = _rules(dataset, args.raw)
    where = {}
    for condition in args.where:
        key, sep, value = condition.partition("=")
        if not sep or not key:
            raise UsageError(f"--where expects KEY=VALUE, got {condition!r}")
        where[key] = value
    table = barrier_table(dataset, by=args.by, where=where or None, rules=rules)
    for column in ("n", "agree"):
        table[column] = [_short(value, rules) for value in table[column]]
    for column in ("percent", "ci_low", "ci_high"):
        table[column] = [
            None if value is None or value != value else round(float(value), 1) for value in table[column]
        ]
    _write_csv(table, ["barrier_id", "group", "n", "agree", "percent", "ci_low", "ci_high"])
    return EXIT_OK


def cmd_generate(args):
    from pathways.synthetic import generate_dataset
    from pathways.writing import write_dataset

    if args.people < 1:
        raise UsageError("--people must be at least 1")
    written = write_dataset(generate_dataset(people=args.people, seed=args.seed), args.outdir)
    print(f"wrote {len(written)} files to {args.outdir}", file=sys.stderr)
    return EXIT_OK


def cmd_calibration(args):
    from pathways.calibration import calibration_markdown

    print(calibration_markdown(_load(args.directory)), end="")
    return EXIT_OK


def cmd_import_ssi(args):
    from pathways.importers import import_ssi
    from pathways.writing import write_dataset

    dataset = import_ssi(args.file, country=args.country)
    written = write_dataset(dataset, args.outdir)
    print(
        f"{dataset.info.name}: {len(dataset.people)} people; wrote {len(written)} files to {args.outdir}",
        file=sys.stderr,
    )
    return EXIT_OK


def build_parser():
    parser = _Parser(prog="python -m pathways", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check a dataset folder and summarise it")
    validate.add_argument("directory", metavar="DIR")
    validate.set_defaults(run=cmd_validate)

    flows = commands.add_parser("flows", help="CSV source,target,count of transitions")
    flows.add_argument("directory", metavar="DIR")
    flows.add_argument("--level", choices=("role", "sector"), default="role")
    flows.add_argument("--raw", action="store_true", help="no disclosure control (prints a warning)")
    flows.set_defaults(run=cmd_flows)

    routes = commands.add_parser("routes", help="JSON list of the most probable routes FROM -> TO")
    routes.add_argument("directory", metavar="DIR")
    routes.add_argument("source", metavar="FROM")
    routes.add_argument("target", metavar="TO")
    routes.add_argument("--k", type=int, default=5)
    routes.add_argument("--max-steps", type=int, default=6)
    routes.add_argument("--avoid", action="append", default=[], metavar="SECTOR", help="sector to avoid")
    routes.add_argument("--raw", action="store_true", help="no disclosure control (prints a warning)")
    routes.set_defaults(run=cmd_routes)

    barriers = commands.add_parser("barriers", help="CSV agreement with each barrier statement")
    barriers.add_argument("directory", metavar="DIR")
    barriers.add_argument("--by", metavar="ATTRIBUTE")
    barriers.add_argument("--where", action="append", default=[], metavar="KEY=VALUE")
    barriers.add_argument("--raw", action="store_true", help="no disclosure control (prints a warning)")
    barriers.set_defaults(run=cmd_barriers)

    generate = commands.add_parser("generate", help="write the synthetic dataset")
    generate.add_argument("outdir", metavar="OUTDIR")
    generate.add_argument("--people", type=int, default=5000)
    generate.add_argument("--seed", type=int, default=1)
    generate.set_defaults(run=cmd_generate)

    calibration = commands.add_parser("calibration", help="Markdown table: published targets vs this dataset")
    calibration.add_argument("directory", metavar="DIR")
    calibration.set_defaults(run=cmd_calibration)

    importer = commands.add_parser(
        "import-ssi", help="turn an SSI RSE survey file (2016, 2017 or 2018) into a dataset folder"
    )
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("outdir", metavar="OUTDIR")
    importer.add_argument(
        "--country",
        default="United Kingdom",
        help='keep respondents who work in this country; "all" keeps everyone',
    )
    importer.set_defaults(run=cmd_import_ssi)
    return parser


def main(argv=None):
    """Run the command line; return the exit status."""
    from pathways.loading import DatasetError
    from pathways.routes import NoRoute, UnknownRole

    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as error:
        message = str(error)
        print(message if "error:" in message else f"python -m pathways: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except DatasetError as error:
        print(f"invalid dataset: {len(error.problems)} problem(s)", file=sys.stderr)
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_NO_RESULT
    except (NoRoute, UnknownRole, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NO_RESULT
    except BrokenPipeError:
        return EXIT_OK
