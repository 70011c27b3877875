"""About: method and definitions, the data's provenance, how to cite, accessibility statement."""

from dash import html

from layouts.controls import page_header

PATH = "/about"
TITLE = "About"
NAV_LABEL = "About"
NAV_ORDER = 90
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True

DEFINITIONS = (
    (
        "Role and sector",
        "Each job or course is a role in a shared list (for example 'Postdoctoral research associate'). "
        "Every role belongs to one sector: education, academia, the NHS, the public sector (government and "
        "public bodies other than the NHS), industry, entrepreneurship (founding or leading a start-up or "
        "spin-out) or other; and to one career stage: student, early, mid, senior or leader.",
    ),
    (
        "Move (transition)",
        "A move is a change of role between two consecutive jobs of one person. Two contracts in the same "
        "role one after the other (a second postdoc) are one stay, not a move. Moves back into a sector, "
        "such as industry back to academia, count like any other move.",
    ),
    (
        "Chance of a move",
        "The chance of moving from role A to role B is the number of people who moved from A to B divided by "
        "everyone who ever held A, including those who stayed, are still there or left the data. A route's "
        "chance multiplies the chances of its steps: it reads 'of the people who held the first role, the "
        "share expected to follow this route'.",
    ),
    (
        "People who took a route",
        "How many people's own careers contain the route's roles as consecutive steps. Typical years are "
        "the median number of years from starting the first role to starting the last, where years are known.",
    ),
    (
        "Agreement with a barrier statement",
        "On a five-point scale, 'agree' and 'strongly agree' count as agreement; on a yes/no question, 'yes' "
        "does. The percentage is agreements divided by the number of answers. The 95% interval is a Wilson "
        "score interval: with that many answers, the true share is likely to lie inside it. Differences "
        "between two groups use Newcombe's interval for a difference of proportions.",
    ),
)


def protection_section(rules):
    """How small numbers are protected, with the rules the data in use applies."""
    return html.Section(
        [
            html.H2("How small numbers are protected"),
            html.P(
                "Career histories and answers about barriers, together with gender, ethnicity or disability, "
                "are personal data. Before any number is shown or downloaded:"
            ),
            html.Ul(
                [
                    html.Li(
                        f"a group of fewer than {rules.min_count} people is shown as 'fewer than "
                        f"{rules.min_count}', never as a number and never drawn as zero;"
                    ),
                    html.Li(f"other counts are rounded to the nearest {rules.round_to};"),
                    html.Li(
                        "percentages are worked out from the exact counts, and not shown at all when fewer "
                        f"than {rules.min_denominator} people answered;"
                    ),
                    html.Li(
                        "when hiding one number would let it be worked out from a total and the numbers "
                        "beside it, the next smallest is hidden too;"
                    ),
                    html.Li("only one personal attribute (such as gender) filters a view at a time;"),
                    html.Li("free text that people wrote is never shown."),
                ]
            ),
            html.P(
                "These follow UK practice: HESA rounds counts to the nearest 5, NHS England hides small "
                "counts, and the ONS uses thresholds for research outputs."
            ),
        ],
        id="about-protection",
    )


def data_section(info):
    """Where the data in use comes from, its licence and how to cite it."""
    rows = (
        ("Name", info.name),
        ("Kind", "Synthetic (illustrative, not real people)" if info.is_synthetic else info.kind),
        ("Source", info.source or "not stated"),
        ("Collected", info.collected or "not stated"),
        ("Licence", info.licence or "not stated"),
        ("How to cite", info.citation or "not stated"),
    )
    return html.Section(
        [
            html.H2("The data in use"),
            html.P(info.description) if info.description else None,
            html.Dl(
                [item for label, value in rows for item in (html.Dt(label), html.Dd(value))],
                className="about-data",
            ),
            html.P(
                [
                    "The format of a dataset, and how to check and load your own, is described in the "
                    "project's README and data format guide.",
                ]
            ),
        ],
        id="about-data",
    )


def accessibility_section():
    """The accessibility statement."""
    return html.Section(
        [
            html.H2("Accessibility statement"),
            html.P(
                "This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, "
                "as UK public sector bodies such as universities and the NHS must."
            ),
            html.Ul(
                [
                    html.Li("Every chart has a caption, a written summary and a table of the same numbers."),
                    html.Li("Every control can be used with a keyboard, and has a visible focus outline."),
                    html.Li(
                        "Colours come from the Okabe-Ito palette, which people with colour blindness can tell "
                        "apart, and meaning is never carried by colour alone: sectors also have shapes and labels."
                    ),
                    html.Li("Each page has its own title, and the language of the site is British English."),
                    html.Li(
                        "Every page is checked with the axe-core accessibility engine in automated tests."
                    ),
                ]
            ),
            html.P(
                "Known limitations: the network chart itself cannot be explored with a keyboard or a screen "
                "reader; use the table and the list of roles beside it, which hold the same information."
            ),
            html.P(
                "If you find a part of the site you cannot use, please tell the project team through the "
                "project's issue tracker, so that we can fix it."
            ),
        ],
        id="about-accessibility",
    )


def layout(model, query=None, rest=""):
    """The About page."""
    return html.Div(
        [
            page_header(
                "About this site",
                "How the numbers are made, where the data come from, and how we make the site usable by everyone.",
            ),
            html.Section(
                [
                    html.H2("Method and definitions"),
                    html.Dl(
                        [item for term, text in DEFINITIONS for item in (html.Dt(term), html.Dd(text))],
                    ),
                ],
                id="about-method",
            ),
            protection_section(model.rules),
            data_section(model.info),
            html.Section(
                [
                    html.H2("How to cite"),
                    html.P(
                        "Cite the dataset as its citation above says, and this software as: Career Pathways "
                        "Explorer, open-source dashboard for biomedical data science careers."
                    ),
                ],
                id="about-cite",
            ),
            accessibility_section(),
        ]
    )
