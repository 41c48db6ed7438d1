"""The round trip: the desk corrects claims on the seed and two dev articles, export_gold writes
them as gold, and the shared scorer (through `bench/eval.py --feedback`, what `make eval
FEEDBACK=` runs) loads the file and finds every item's text."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.services import article_submit
from claims import services
from claims.models import Claim
from claims.services import article_extract
from conftest import BASE_DIR, SHARED

pytestmark = [pytest.mark.django_db]
EVAL = SHARED / "eval" / "articles"


def first_article(name: str) -> dict:
    with open(EVAL / name, encoding="utf-8") as f:
        return json.loads(f.readline())


def gap(article, claims) -> tuple[int, int] | None:
    """A stretch of text no claim covers, with some words in it (a claim the extractor missed)."""
    covered = sorted((c.start, c.end) for c in claims)
    position = 0
    for start, end in covered + [(len(article.text), len(article.text))]:
        piece = article.text[position:start]
        if len(piece.split()) >= 3:
            lead = len(piece) - len(piece.lstrip())
            return position + lead, position + len(piece.rstrip())
        position = max(position, end)
    return None


def correct(article, by) -> dict:
    """The desk's corrections on one article; returns what the gold must show."""
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(claims) >= 4, "the article should yield a few claims"
    expect = {}
    first = claims[0]
    services.claim_correct(
        claim=first, by=by, version=first.version, speaker="The Desk", types=["event", "quote"]
    )
    expect["speaker"] = "The Desk"
    for claim in claims[1:-2]:  # re-cut: drop the last word
        cut = claim.text.rstrip().rfind(" ")
        if cut > 0:
            try:
                services.claim_correct(claim=claim, by=by, version=claim.version, end=claim.start + cut)
            except services.WorkflowError:
                continue
            expect["recut"] = claim.text[:cut].strip()
            break
    with_numbers = [c for c in claims[1:-2] if c.quantities.exists()]
    if with_numbers:
        claim = with_numbers[0]
        claim.refresh_from_db()
        quantities = [
            {
                "raw": q.raw,
                "value": q.value,
                "unit": "desk unit",
                "approximate": q.approximate,
                "vague": q.vague,
            }
            for q in claim.quantities.all()
        ]
        services.claim_correct(claim=claim, by=by, version=claim.version, quantities=quantities)
        expect["unit"] = "desk unit"
    missed = gap(article, claims)
    if missed:
        added = services.claim_add(
            article=article, by=by, start=missed[0], end=missed[1], types=["other"], checkworthy=True
        )
        expect["added"] = added.text
    not_claim, not_worthy = claims[-1], claims[-2]
    services.claim_not_a_claim(claim=not_claim, by=by, version=not_claim.version)
    services.claim_dismiss(claim=not_worthy, by=by, version=not_worthy.version)
    expect["gone"], expect["unworthy"] = not_claim.text, not_worthy.text
    return expect


def test_corrections_export_as_gold_that_the_shared_scorer_reads(tmp_path, reporter):
    articles, expectations = [], {}
    for name in ("seed.jsonl", "fr_dev.jsonl", "en_dev.jsonl"):
        source = first_article(name)
        article = article_submit(
            text=source["text"], title=source.get("title", ""), language=source["lang"]
        ).article
        article_extract(article_id=article.pk)
        expectations[f"article-{article.pk}"] = correct(article, reporter)
        articles.append(article)
    untouched = article_submit(
        text="Unemployment fell to 3.9% last year, the minister said.", language="en"
    ).article
    article_extract(article_id=untouched.pk)

    gold, texts = tmp_path / "gold.jsonl", tmp_path / "articles.jsonl"
    call_command("export_gold", "--output", str(gold), "--articles-out", str(texts))
    lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert [line["doc_id"] for line in lines] == [
        f"article-{a.pk}" for a in articles
    ]  # not the untouched one
    by_id = {a.pk: a for a in articles}
    for line in lines:
        text = by_id[int(line["doc_id"].split("-")[1])].text
        items = line["claims"]
        expect = expectations[line["doc_id"]]
        assert all(item["text"] in text for item in items)
        assert set(items[0]) == {"text", "types", "checkworthy", "speaker", "quantities"}
        assert expect["gone"] not in [item["text"] for item in items]
        assert [item["checkworthy"] for item in items if item["text"] == expect["unworthy"]] == [False]
        assert any(item["speaker"] == "The Desk" and item["types"] == ["event", "quote"] for item in items)
        if "recut" in expect:
            assert expect["recut"] in [item["text"] for item in items]
        if "unit" in expect:
            assert any(q["unit"] == "desk unit" for item in items for q in item["quantities"])
        if "added" in expect:
            assert expect["added"] in [item["text"] for item in items]

    out = tmp_path / "eval.json"
    run = subprocess.run(
        [
            sys.executable,
            "bench/eval.py",
            "--feedback",
            str(gold),
            "--feedback-articles",
            str(texts),
            "--out",
            str(out),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]  # the scorer exits non-zero if an item's text is not found
    figures = json.loads(out.read_text())["feedback"]
    assert set(figures) == {"feedback/fr", "feedback/en"}
    assert figures["feedback/fr"]["articles"] == 2 and figures["feedback/en"]["articles"] == 1
    print(run.stdout)


def test_export_gold_filters_and_refuses_bad_dates(reporter, capsys):
    article = article_submit(
        text="Unemployment fell to 3.9% last year, the minister said.", language="en"
    ).article
    services.claim_add(article=article, by=reporter, start=0, end=article.text.index(","), types=["quantity"])
    call_command("export_gold", "--article", str(article.pk), "--since", "2000-01-01")
    assert json.loads(capsys.readouterr().out)["claims"][0]["text"] == "Unemployment fell to 3.9% last year"
    call_command("export_gold", "--outlet", "Nowhere Gazette")
    assert capsys.readouterr().out == ""
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_gold", "--since", "last week")


def test_reextraction_keeps_desk_claims_and_corrections_as_they_are(reporter):
    from articles.models import Article

    text = first_article("seed.jsonl")["text"]
    article = article_submit(text=text, language="fr").article
    article_extract(article_id=article.pk)
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    corrected = services.claim_correct(claim=claims[0], by=reporter, version=1, speaker="La rédaction")
    missed = gap(article, claims)
    added = services.claim_add(article=article, by=reporter, start=missed[0], end=missed[1], types=["other"])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)
    article_extract(article_id=article.pk)
    kept = {c.pk: c for c in Claim.objects.filter(pk__in=[corrected.pk, added.pk])}
    assert kept[corrected.pk].speaker == "La rédaction" and kept[corrected.pk].version == corrected.version
    assert (kept[added.pk].start, kept[added.pk].end, kept[added.pk].origin) == (
        added.start,
        added.end,
        "desk",
    )
    spans = list(Claim.objects.filter(article=article).values_list("start", "end"))
    assert len(spans) == len(set(spans))
