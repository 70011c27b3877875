"""The data dictionary is read from the format guide, and covers every column the loader knows."""

import pytest

from pathways.dictionary import FORMAT_GUIDE, ColumnEntry, parse_dictionary, read_dictionary
from pathways.schema import FILES, METADATA_FILE, REQUIRED_FILES


@pytest.fixture(scope="module")
def dictionary():
    return read_dictionary()


def test_the_guide_is_the_projects_format_document():
    assert FORMAT_GUIDE.name == "data-format.md"
    assert FORMAT_GUIDE.parent.name == "docs"


def test_every_file_of_the_schema_is_in_the_dictionary_in_the_guides_order(dictionary):
    assert [entry.name for entry in dictionary.files] == [METADATA_FILE, *FILES]


@pytest.mark.parametrize("name", list(FILES))
def test_every_column_of_the_schema_is_in_the_dictionary(dictionary, name):
    required, optional = FILES[name]
    entry = dictionary.file(name)
    missing = [column for column in (*required, *optional) if column not in entry.column_names()]
    assert missing == [], f"{name}: the guide does not describe {missing}"
    flags = {column.name: column.required for column in entry.columns}
    assert [column for column in required if not flags[column]] == []
    assert [column for column in optional if flags[column]] == []


def test_required_files_say_yes(dictionary):
    for entry in dictionary.files:
        assert entry.required.startswith("yes") == (entry.name in REQUIRED_FILES)


def test_table_rows_naming_several_columns_give_each_the_meaning(dictionary):
    roles = {column.name: column for column in dictionary.file("roles.csv").columns}
    assert roles["salary_min"] == ColumnEntry("salary_min", False, "GBP per year, integers, min <= max")
    assert roles["salary_max"].meaning == roles["salary_min"].meaning
    assert dictionary.file("roles.csv").row == "role in the taxonomy"


def test_files_described_in_prose_get_their_columns_from_the_prose(dictionary):
    people = dictionary.file("people.csv")
    assert [(c.name, c.required) for c in people.columns] == [
        ("person_id", True),
        ("sector", False),
        ("stage", False),
    ]
    responses = {c.name: c for c in dictionary.file("barrier_responses.csv").columns}
    assert responses["barrier_id"].meaning == "a `barrier_id` of `barrier_items.csv`"
    assert "should appear in `people.csv`" in responses["person_id"].meaning
    assert (
        dictionary.file("barrier_responses.csv").notes[0].startswith("`person_id`, `barrier_id`, `response`.")
    )


def test_metadata_example_and_general_rules_come_from_the_guide(dictionary):
    example = dictionary.file("dataset.yaml").example
    assert example.startswith("name: ")
    assert "licence: CC-BY-4.0" in example
    assert dictionary.rules[0].startswith("All CSV files: UTF-8")


def test_escaped_pipes_stay_inside_a_cell():
    text = """## Folder
| file | required | one row per |
| --- | --- | --- |
| `a.csv` | yes | row |

### `a.csv`
| column | required | meaning |
| --- | --- | --- |
| `level` | no | `role\\|sector` |
"""
    assert parse_dictionary(text).file("a.csv").columns == (ColumnEntry("level", False, "`role|sector`"),)


def test_an_unknown_file_raises_key_error(dictionary):
    with pytest.raises(KeyError):
        dictionary.file("nope.csv")
