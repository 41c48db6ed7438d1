"""python manage.py import_articles FILE"""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_it_imports_an_ndjson_file(tmp_path, capsys):
    path = tmp_path / "articles.ndjson"
    path.write_text(
        '{"text": "Plus de 2 000 pompiers sont mobilisés, selon la préfecture.", "outlet": "Ouest-France"}\n'
        '{"text": "About 3,200 homes will be protected, officials said.", "language": "en"}\n'
        '{"title": "no text"}\n',
        encoding="utf-8",
    )
    call_command("import_articles", str(path))
    out = capsys.readouterr()
    assert "2 created, 0 already present, 1 refused" in out.out
    assert "line 3" in out.err
    assert Article.objects.count() == 2
    call_command("import_articles", str(path))
    assert "0 created, 2 already present" in capsys.readouterr().out


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_articles", str(tmp_path / "nope.csv"))
