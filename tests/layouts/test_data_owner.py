"""The Data page's owner tools in each state, and the report of the last upload."""

from datetime import UTC, datetime

from dash import dcc, html

from layouts import ids
from layouts.data_owner import owner_section, report_view, uploaded_list
from storage import StoredDataset
from tests.component_tree import by_id, find_all, text_of


def links(component):
    return {text_of(a): a.href for a in find_all(component, lambda c: isinstance(c, html.A))}


UPLOADED = [
    StoredDataset("leeds", "Leeds survey", 2_500, datetime(2026, 3, 1, 9, 30, tzinfo=UTC)),
    StoredDataset("york", "<script>alert(1)</script>", 20_000_000, datetime(2026, 2, 1, tzinfo=UTC)),
]


# The owner's tools


def test_without_a_password_uploads_are_switched_off():
    section = owner_section(False, False, None, [], {}, 20_000_000, 20_000_000)
    assert "Uploading is switched off" in text_of(section)
    assert find_all(section, lambda c: isinstance(c, html.Form)) == []


def test_signed_out_people_get_a_sign_in_link_and_no_form():
    section = owner_section(True, False, None, UPLOADED, {}, 20_000_000, 20_000_000)
    assert links(section)["Sign in as a data owner to upload"] == "/login?next=/data"
    assert find_all(section, lambda c: isinstance(c, html.Form)) == []
    assert "Download the raw dataset (zip)" not in links(section)
    assert links(section)["Show Leeds survey"] == "/data?dataset=leeds"
    assert links(section)["Show <script>alert(1)</script>"] == "/data?dataset=york"


def test_data_owners_get_the_upload_form_the_raw_download_and_delete_buttons():
    section = owner_section(True, True, "tok", UPLOADED, {"dataset": "york"}, 20_000_000, 5_000_000)
    form = by_id(section, ids.DATA_UPLOAD_FORM)
    assert (form.method, form.action, form.encType) == ("POST", "/data/upload", "multipart/form-data")
    files = by_id(form, ids.DATA_UPLOAD_FILES)
    assert (files.type, files.name, files.multiple) == ("file", "dataset", True)
    hidden = find_all(form, lambda c: isinstance(c, dcc.Input) and c.type == "hidden")
    assert [(h.name, h.value) for h in hidden] == [("csrf", "tok")]
    assert "at most 20 MB in all and 5 MB a file" in text_of(form)
    assert links(section)["Download the raw dataset (zip)"] == "/data/download-raw.zip?dataset=york"
    deletes = [f for f in find_all(section, lambda c: isinstance(c, html.Form)) if f.action == "/data/delete"]
    assert [
        [(h.name, h.value) for h in find_all(f, lambda c: isinstance(c, dcc.Input))] for f in deletes
    ] == [
        [("csrf", "tok"), ("key", "leeds")],
        [("csrf", "tok"), ("key", "york")],
    ]
    assert "(showing now)" in text_of(section)


def test_uploaded_names_are_shown_as_text():
    table = uploaded_list(UPLOADED)
    names = [c.children for c in find_all(table, lambda c: isinstance(c, html.Th) and c.scope == "row")]
    assert names == ["Leeds survey", "<script>alert(1)</script>"]
    assert "01 Mar 2026 09:30 UTC2.5 kB" in text_of(table)
    assert text_of(uploaded_list([])) == "No dataset has been uploaded yet."


def test_a_storage_message_is_shown():
    section = owner_section(True, False, None, [], {}, 1, 1, "The database is down.")
    assert "The database is down." in text_of(section)


# The report of the last upload


def test_a_stored_upload_links_to_its_dataset():
    report = report_view({"status": "stored", "name": "Leeds survey", "key": "leeds", "notes": ["a note"]}, 1)
    assert text_of(report).startswith("Stored as Leeds survey: switch to it.")
    assert links(report) == {"switch to it": "/data?dataset=leeds"}
    assert "a note" in text_of(report)


def test_a_failed_upload_lists_every_problem():
    lines = ["careers.csv:3: role_id: unknown role_id 'post-doc'", "dataset.yaml: required file is missing"]
    report = report_view({"status": "invalid", "problems": lines, "more": 0}, 1)
    assert "not stored: 2 problems to fix" in text_of(report)
    assert [text_of(item) for item in find_all(report, lambda c: isinstance(c, html.Li))] == lines
    more = report_view({"status": "invalid", "problems": lines, "more": 5}, 1)
    assert "7 problems" in text_of(more)
    assert "... and 5 more" in text_of(more)


def test_refused_too_large_deleted_and_error_reports():
    refused = report_view({"status": "refused", "problems": ["../evil.csv: refused: x"]}, 1)
    assert "refused, so nothing was read or stored" in text_of(refused)
    too_large = report_view({"status": "too-large"}, 20_000_000)
    assert "larger than the limit of 20 MB" in text_of(too_large)
    assert text_of(report_view({"status": "deleted", "name": "Leeds"}, 1)) == "Deleted Leeds."
    assert text_of(report_view({"status": "error", "message": "Down."}, 1)) == "Down."
    assert report_view(None, 1) is None
