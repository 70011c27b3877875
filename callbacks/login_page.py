"""Data-owner sign in: check the password, remember it in the session, go on to the next page."""

from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from callbacks.owner import owner_password_set, sign_in
from layouts import ids
from layouts.login_page import safe_next, sign_in_message


def register(app, models):
    """Wire the sign-in button and the Enter key of the password box."""

    @app.callback(
        Output(ids.LOGIN_STATUS, "children"),
        Output(ids.SHELL_LOCATION, "pathname", allow_duplicate=True),
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Input(ids.LOGIN_SUBMIT, "n_clicks"),
        Input(ids.LOGIN_PASSWORD, "n_submit"),
        State(ids.LOGIN_PASSWORD, "value"),
        State(ids.LOGIN_NEXT, "children"),
        prevent_initial_call=True,
    )
    def submit(clicks, submits, password, next_address):
        if not clicks and not submits:
            raise PreventUpdate
        signed_in = sign_in(password)
        message = sign_in_message(signed_in, owner_password_set())
        if not signed_in:
            return message, no_update, no_update
        # Setting pathname and search (not href) makes the router draw the next page now.
        path, mark, query = safe_next(next_address).partition("?")
        return message, path, mark + query

    return submit
