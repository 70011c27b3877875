"""The chrome every chart wears: figure, caption, text summary, table, downloads, source.

Following Our World in Data's Grapher: the numbers behind a chart are one
click away as a table, downloadable as CSV with the data's source, and the
image can be saved as PNG or SVG. Screen readers get the caption, the summary
and the table, since a plotly canvas has no accessible name.
"""

from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html

# Okabe & Ito (2008) colour-blind safe palette, one colour per sector, black for 'other'.
SECTOR_COLOURS = {
    "education": "#56B4E9",
    "academia": "#0072B2",
    "nhs": "#009E73",
    "public": "#CC79A7",
    "industry": "#E69F00",
    "entrepreneurship": "#D55E00",
    "other": "#6B6B6B",
}
# A marker shape per sector, so meaning never rests on colour alone.
SECTOR_SYMBOLS = {
    "education": "circle",
    "academia": "square",
    "nhs": "diamond",
    "public": "triangle-up",
    "industry": "hexagon",
    "entrepreneurship": "star",
    "other": "cross",
}

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def csv_href(model, slug, query_string=""):
    """The address of a page's CSV for ``query_string``, naming the dataset when it is not the default.

    Examples
    --------
    >>> class Model:
    ...     extras = {"dataset_key": "survey-2018"}
    >>> csv_href(Model(), "flows", "?level=role")
    '/download/flows.csv?level=role&dataset=survey-2018'
    """
    href = f"/download/{slug}.csv{query_string}"
    key = model.extras.get("dataset_key")
    if key:
        href += ("&" if "?" in href else "?") + f"dataset={quote(key)}"
    return href


def data_table(frame, caption, max_rows=500):
    """An HTML table of ``frame`` (already formatted as display strings) with a caption."""
    head = html.Thead(html.Tr([html.Th(column, scope="col") for column in frame.columns]))
    rows = [
        html.Tr([html.Td("" if cell is None else str(cell)) for cell in row])
        for row in frame.head(max_rows).itertuples(index=False, name=None)
    ]
    more = (
        html.P(f"Showing the first {max_rows} of {len(frame)} rows; the CSV has them all.", className="small")
        if len(frame) > max_rows
        else None
    )
    table = html.Table(
        [html.Caption(caption), head, html.Tbody(rows)],
        className="table table-sm table-striped data-table",
    )
    return html.Div([html.Div(table, className="table-responsive"), more])


def chart_figure(
    chart_id,
    figure,
    caption,
    summary,
    table,
    download_href,
    source,
    table_caption=None,
    graph_style=None,
):
    """Wrap a plotly figure with everything a reader needs besides the picture.

    Parameters
    ----------
    chart_id : str
        Prefix of the ids inside (``{chart_id}-graph``, ``{chart_id}-table`` ...).
    figure : plotly Figure
    caption : str
        What the chart shows, in a sentence.
    summary : str or list
        A paragraph generated from the numbers.
    table : DataFrame
        The same numbers as display strings.
    download_href : str
        Address of the CSV of what is shown.
    source : str
        The data's source, printed under the chart.
    """
    return html.Figure(
        [
            html.Figcaption(caption, className="h5"),
            html.P(summary, className="chart-summary", id=f"{chart_id}-summary"),
            dcc.Graph(
                id=f"{chart_id}-graph",
                figure=figure,
                config=GRAPH_CONFIG,
                style=graph_style or {"height": "560px"},
                className="chart-graph",
            ),
            html.Details(
                [
                    html.Summary("Show the numbers as a table"),
                    data_table(table, table_caption or caption),
                ],
                id=f"{chart_id}-table",
                className="chart-table",
            ),
            html.Div(
                [
                    html.A(
                        "Download the numbers (CSV)",
                        href=download_href,
                        download="",
                        className="btn btn-outline-primary btn-sm me-2",
                        id=f"{chart_id}-csv",
                    ),
                    dbc.Button(
                        "Save image (PNG)",
                        id={"type": "chart-image", "chart": chart_id, "format": "png"},
                        color="secondary",
                        outline=True,
                        size="sm",
                        className="me-2",
                    ),
                    dbc.Button(
                        "Save image (SVG)",
                        id={"type": "chart-image", "chart": chart_id, "format": "svg"},
                        color="secondary",
                        outline=True,
                        size="sm",
                    ),
                ],
                className="chart-actions my-2",
            ),
            html.P(["Source: ", source], className="small text-body-secondary chart-source"),
        ],
        className="chart-figure",
        id=chart_id,
    )
