"""Uploads, downloads and the owner's tools through the app: good and hostile datasets, sign-in and CSRF."""

import io
import json
import re
import zipfile
from http.cookies import SimpleCookie

import pytest
from dash.exceptions import PreventUpdate

import app as app_module
from callbacks import data_page, dataset_selector
from layouts import ids, role_page
from pathways.loading import load_dataset
from pathways.packaging import build_zip, dataset_zip
from storage import Store
from storage.upload_source import upload_source
from tests.conftest import TINY

PASSWORD = "pw"
TOKEN = "test-csrf-token"


def create_app_with_uploads(database_url, config=None):
    """``create_app(TINY)`` with uploads in its catalogue and the dataset selector wired.

    Until ``app.py`` builds the catalogue with ``upload_source`` and registers the
    selector (the lines in this task's report), this does it the same way; once
    it does, the app's own wiring is used unchanged.
    """
    settings = {"DATA_OWNER_PASSWORD": PASSWORD, "DATABASE_URL": database_url, **(config or {})}
    captured = {}
    original = app_module.Catalogue

    class Wired(original):
        def __init__(self, *args, **kwargs):
            sources = list(kwargs.get("sources") or ())
            if not any(source.list_keys.__qualname__.startswith("upload_source.") for source in sources):
                store = Store.from_url(database_url)
                max_file = settings.get(
                    "MAX_FILE_BYTES", app_module.settings_from_environment()["MAX_FILE_BYTES"]
                )
                kwargs["sources"] = [upload_source(store, max_file), *sources]
            super().__init__(*args, **kwargs)
            captured["catalogue"] = self

    app_module.Catalogue = Wired
    try:
        built = app_module.create_app(TINY, settings)
    finally:
        app_module.Catalogue = original
    catalogue = captured["catalogue"]
    if not any(ids.DATASET_SELECT in str(spec["inputs"]) for spec in built.callback_map.values()):
        dataset_selector.register(built, catalogue)
    data_page.register_routes(built.server, catalogue)
    built.server.dash_app = built
    return built, catalogue


@pytest.fixture()
def wired(tmp_path):
    return create_app_with_uploads(
        f"sqlite:///{tmp_path}/db.sqlite3", {"MAX_FILE_BYTES": 100_000, "MAX_UPLOAD_BYTES": 300_000}
    )


@pytest.fixture()
def client(wired):
    return wired[0].server.test_client()


@pytest.fixture()
def owner(client):
    with client.session_transaction() as session:
        session["data_owner"] = True
        session[data_page.CSRF_KEY] = TOKEN
    return client


def store_of(client):
    return client.application.config["STORE"]


def stored_keys(client):
    return [item.key for item in store_of(client).list_datasets()]


def tiny_files(**changes):
    files = {path.name: path.read_bytes() for path in sorted(TINY.iterdir())}
    files["dataset.yaml"] = files["dataset.yaml"].replace(
        b"name: Tiny hand-counted fixture", b"name: Leeds survey"
    )
    files.update(changes)
    return files


def upload(client, files, csrf=TOKEN, as_zip=True, name="leeds.zip"):
    """POST the files as one zip (or as separate parts); return the response."""
    if as_zip:
        parts = [(io.BytesIO(files if isinstance(files, bytes) else build_zip(files, folder="leeds")), name)]
    else:
        parts = [(io.BytesIO(data), file_name) for file_name, data in files.items()]
    form = {"dataset": parts}
    if csrf is not None:
        form["csrf"] = csrf
    return client.post("/data/upload", data=form, content_type="multipart/form-data")


def owner_tools(client, search):
    """Call the page's callback through Dash, as the browser does; return its JSON text."""
    (output,) = [
        key for key in client.application.dash_app.callback_map if f"{ids.DATA_OWNER}.children" in key
    ]
    body = {
        "output": output,
        "outputs": [
            {"id": ids.DATA_REPORT, "property": "children"},
            {"id": ids.DATA_OWNER, "property": "children"},
        ],
        "inputs": [{"id": ids.DATA_OWNER, "property": "id", "value": ids.DATA_OWNER}],
        "state": [{"id": ids.SHELL_LOCATION, "property": "search", "value": search}],
        "changedPropIds": [],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def report_after(client, response):
    assert response.status_code == 303
    location = response.headers["Location"]
    assert re.fullmatch(r"/data\?upload=[\w-]+", location), location
    return json.loads(owner_tools(client, location[len("/data") :]))["response"][ids.DATA_REPORT]["children"]


def walk(node):
    """Every component (as Dash's JSON) inside ``node``."""
    if isinstance(node, list):
        for child in node:
            yield from walk(child)
    elif isinstance(node, dict) and "props" in node:
        yield node
        yield from walk(node["props"].get("children"))


def report_lines(report):
    return [node["props"]["children"] for node in walk(report) if node["type"] == "Code"]


# Who may do what


def test_signed_out_uploads_are_forbidden_and_store_nothing(client):
    assert upload(client, tiny_files()).status_code == 403
    assert stored_keys(client) == []


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(owner):
    for csrf in (None, "forged"):
        response = upload(owner, tiny_files(), csrf=csrf)
        assert response.status_code == 403
        assert response.get_data(as_text=True) == data_page.CSRF_REFUSED
    assert stored_keys(owner) == []


def test_the_raw_download_needs_a_data_owner(client):
    assert client.get("/data/download-raw.zip").status_code == 403
    with client.session_transaction() as session:
        session["data_owner"] = True
    response = client.get("/data/download-raw.zip")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "bundled-raw/careers.csv" in zipfile.ZipFile(io.BytesIO(response.data)).namelist()


def test_the_public_download_is_a_zip_without_person_level_files(client):
    response = client.get("/data/download.zip")
    assert response.status_code == 200
    assert response.content_type == "application/zip"
    assert response.headers["Content-Disposition"] == 'attachment; filename="bundled.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert "bundled/flows_role.csv" in names and "bundled/careers.csv" not in names
    assert response.data == dataset_zip(load_dataset(TINY), folder="bundled")


def test_an_unknown_dataset_in_the_download_address_falls_back_to_the_bundled_one(client):
    response = client.get("/data/download.zip?dataset=nope")
    assert response.headers["Content-Disposition"] == 'attachment; filename="bundled.zip"'


def test_the_owner_tools_show_a_sign_in_link_or_the_form(client):
    signed_out = owner_tools(client, "")
    assert "Sign in as a data owner to upload" in signed_out
    assert ids.DATA_UPLOAD_FORM not in signed_out
    with client.session_transaction() as session:
        session["data_owner"] = True
    signed_in = owner_tools(client, "")
    assert ids.DATA_UPLOAD_FORM in signed_in
    with client.session_transaction() as session:
        token = session[data_page.CSRF_KEY]
    owner_section = json.loads(signed_in)["response"][ids.DATA_OWNER]["children"]
    hidden = [node["props"] for node in walk(owner_section) if node["props"].get("type") == "hidden"]
    assert hidden == [{"type": "hidden", "name": "csrf", "value": token}]


# Good uploads


def test_a_good_upload_is_stored_reported_and_can_be_switched_to(owner, wired):
    report = report_after(owner, upload(owner, tiny_files()))
    assert "Stored as Leeds survey: " in json.dumps(report)
    assert "/data?dataset=leeds-survey" in json.dumps(report)
    assert stored_keys(owner) == ["leeds-survey"]
    _, catalogue = wired
    assert ("leeds-survey", "Leeds survey (uploaded)") in catalogue.choices()
    model, notice = catalogue.model_for({"dataset": "leeds-survey"})
    assert notice is None and model.info.name == "Leeds survey"
    served = owner.get("/data/download.zip?dataset=leeds-survey")
    assert served.headers["Content-Disposition"] == 'attachment; filename="leeds-survey.zip"'
    assert (
        "# Leeds survey" in zipfile.ZipFile(io.BytesIO(served.data)).read("leeds-survey/README.md").decode()
    )
    csv = owner.get("/download/data.csv?dataset=leeds-survey")
    assert csv.status_code == 200 and "people,15" in csv.get_data(as_text=True)


def test_separate_csv_files_are_accepted_and_a_second_upload_gets_its_own_key(owner):
    upload(owner, tiny_files())
    response = upload(owner, tiny_files(**{"notes.txt": b"hello"}), as_zip=False)
    report = json.dumps(report_after(owner, response))
    assert "Stored as Leeds survey" in report and "notes.txt: unknown file ignored" in report
    assert sorted(stored_keys(owner)) == ["leeds-survey", "leeds-survey-2"]


def test_a_deleted_dataset_is_gone(owner):
    upload(owner, tiny_files())
    response = owner.post("/data/delete", data={"csrf": TOKEN, "key": "leeds-survey"})
    assert "Deleted Leeds survey." in json.dumps(report_after(owner, response))
    assert stored_keys(owner) == []
    assert owner.post("/data/delete", data={"key": "x"}).status_code == 403


def test_the_report_belongs_to_the_browser_that_uploaded(owner, wired):
    location = upload(owner, tiny_files()).headers["Location"]
    other = wired[0].server.test_client()
    assert (
        json.loads(owner_tools(other, location[len("/data") :]))["response"][ids.DATA_REPORT]["children"]
        is None
    )


# Failing and hostile uploads: the exact report, and nothing stored


def failing(owner, response):
    report = report_after(owner, response)
    assert stored_keys(owner) == []
    return report_lines(report), json.dumps(report)


def test_an_invalid_dataset_reports_every_problem_and_changes_nothing(owner):
    careers = (TINY / "careers.csv").read_bytes().replace(b"p01,2,postdoc", b"p01,2,post-doc")
    lines, text = failing(
        owner, upload(owner, tiny_files(**{"careers.csv": careers, "dataset.yaml": b"kind: survey\n"}))
    )
    assert lines == [
        "dataset.yaml: name: required",
        "careers.csv:3: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?",
    ]
    assert "not stored: 2 problems to fix" in text


def test_zip_slip_is_refused(owner):
    files = {name: data for name, data in tiny_files().items()}
    files["../evil.csv"] = b"x"
    lines, _ = failing(owner, upload(owner, build_zip(files)))
    assert lines == ["../evil.csv: refused: a path outside the dataset folder"]


def test_an_absolute_path_is_refused(owner):
    lines, _ = failing(owner, upload(owner, build_zip({**tiny_files(), "/tmp/evil.csv": b"x"})))
    assert lines == ["/tmp/evil.csv: refused: an absolute path"]


def test_a_zip_bomb_is_refused(owner):
    bomb = build_zip({"roles.csv": b"0" * 2_000_000})
    assert len(bomb) < 5_000
    (line,) = failing(owner, upload(owner, bomb))[0]
    ratio = 2_000_000 / zipfile.ZipFile(io.BytesIO(bomb)).getinfo("roles.csv").compress_size
    assert (
        line
        == f"roles.csv: refused: it inflates {ratio:,.0f} times, more than the 100 a data file may (a zip bomb?)"
    )


def test_a_small_zip_that_inflates_past_the_limit_is_refused(owner):
    bomb = build_zip({"careers.csv": b"0" * 3_500_000})
    lines, _ = failing(owner, upload(owner, bomb))
    assert lines == [
        "leeds.zip: refused: it would inflate to 3,500,000 bytes, over the limit of 3,000,000 (a zip bomb?)"
    ]


def test_a_latin_1_file_is_refused_with_its_line(owner):
    roles = (TINY / "roles.csv").read_bytes().replace(b"MSc student", "Étudiant".encode("latin-1"))
    lines, _ = failing(owner, upload(owner, tiny_files(**{"roles.csv": roles})))
    assert lines == ["roles.csv:2: not UTF-8: byte 0xc9 cannot be decoded; save the file as UTF-8"]


def test_a_file_over_the_size_limit_is_refused(owner):
    careers = (TINY / "careers.csv").read_bytes() + b"\n" * 100_000
    lines, _ = failing(owner, upload(owner, tiny_files(**{"careers.csv": careers})))
    assert lines == [f"careers.csv: file is {len(careers):,} bytes, over the limit of 100,000; not read"]


def test_a_request_over_the_limit_gets_a_plain_message(owner):
    response = upload(owner, b"PK\x03\x04" + b"\x00" * 400_000)
    assert response.status_code == 303
    assert response.headers["Location"] == "/data?upload=too-large"
    report = json.loads(owner_tools(owner, "?upload=too-large"))["response"][ids.DATA_REPORT]["children"]
    assert "larger than the limit of 300 kB, so nothing was read or stored" in json.dumps(report)
    assert stored_keys(owner) == []


def test_other_requests_over_the_limit_keep_their_413(client):
    response = client.post("/_dash-update-component", data=b"x" * 400_000, content_type="application/json")
    assert response.status_code == 413


def test_a_long_report_fits_in_the_session_cookie(owner):
    careers = b"person_id,seq,role_id\n" + b"".join(
        b"p%d,1,r%d\n" % (n, n * 7919 % 10007) for n in range(3000)
    )
    response = upload(owner, tiny_files(**{"careers.csv": careers}))
    cookie = SimpleCookie(response.headers["Set-Cookie"])
    assert len(cookie["session"].value) < 3800
    lines, text = failing(owner, response)
    assert lines[0].startswith("careers.csv:2: role_id: unknown role_id")
    assert "more; fix these and upload again" in text


def test_formulas_and_scripts_are_stored_and_shown_as_text_and_neutralised_in_downloads(owner, wired):
    roles = (TINY / "roles.csv").read_text(encoding="utf-8")
    roles = roles.replace("MSc student", '"=HYPERLINK(""http://x"")"').replace(
        "Lecturer", "<script>alert(1)</script>"
    )
    report_after(owner, upload(owner, tiny_files(**{"roles.csv": roles.encode()})))
    assert stored_keys(owner) == ["leeds-survey"]
    model, _ = wired[1].model_for({"dataset": "leeds-survey"})
    assert model.dataset.roles.loc["lecturer", "title"] == "<script>alert(1)</script>"
    page = role_page.layout(model, {}, "lecturer")
    assert "<script>alert(1)</script>" in str(page)  # a string child: React shows it as text
    served = owner.get("/data/download.zip?dataset=leeds-survey")
    csv = zipfile.ZipFile(io.BytesIO(served.data)).read("leeds-survey/roles.csv").decode()
    assert 'msc,"\'=HYPERLINK(""http://x"")",education' in csv
    role_csv = owner.get("/download/role.csv?dataset=leeds-survey&rest=msc").get_data(as_text=True)
    assert 'msc,people who held the role,msc,"\'=HYPERLINK(""http://x"")",' in role_csv


def test_a_database_that_is_down_stores_nothing_and_says_so(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    built, _ = create_app_with_uploads(f"sqlite:///{blocker}/db.sqlite3")
    client = built.server.test_client()
    with client.session_transaction() as session:
        session["data_owner"] = True
        session[data_page.CSRF_KEY] = TOKEN
    report = json.dumps(report_after(client, upload(client, tiny_files())))
    assert data_page.UNAVAILABLE in report
    assert "cannot be read right now" in owner_tools(client, "")


# The dataset selector


def test_choosing_a_dataset_writes_it_into_the_address(wired):
    built, catalogue = wired
    (callback,) = [spec for spec in built.callback_map.values() if ids.DATASET_SELECT in str(spec["inputs"])]
    choose = callback["callback"].__wrapped__
    assert choose("leeds", "?steps=4") == "?steps=4&dataset=leeds"
    assert choose(catalogue.default_key, "?steps=4&dataset=leeds") == "?steps=4"
    with pytest.raises(PreventUpdate):
        choose("leeds", "?dataset=leeds")
