"""Image export for every chart: the PNG and SVG buttons under it, run in the browser."""

from dash import ALL, Input, Output

SAVE_IMAGE = """
function(clicks) {
    const ctx = window.dash_clientside.callback_context;
    if (!ctx.triggered.length || !ctx.triggered[0].value) { return window.dash_clientside.no_update; }
    const id = JSON.parse(ctx.triggered[0].prop_id.split('.')[0]);
    const graph = document.querySelector('#' + CSS.escape(id.chart + '-graph') + ' .js-plotly-plot');
    if (graph && window.Plotly) {
        window.Plotly.downloadImage(graph, {format: id.format, filename: id.chart, width: 1600, height: 900});
    }
    return '';
}
"""


def register(app):
    """One clientside callback serves the image buttons of every chart on every page."""
    app.clientside_callback(
        SAVE_IMAGE,
        Output("shell-image-sink", "children"),
        Input({"type": "chart-image", "chart": ALL, "format": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
