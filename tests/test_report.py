"""The funders' report: one self-contained HTML file, figures traceable to sources, data escaped."""

import re

import pandas as pd
import pytest

from ssedash.filters import Filters, apply_filters, describe_filters, filter_options, slug_for_file
from ssedash.report import build_report, country_paths
from ssedash.share import app_root, view_url


@pytest.fixture(scope="module")
def view(bundled, reference):
    return lambda filters=Filters(): apply_filters(bundled, filters, reference.countries)


def report(view, reference, filters=Filters(), **overrides):
    v = view(filters)
    arguments = dict(
        editions=v.editions,
        participation=v.participation,
        local_governments=v.local_governments,
        programmes=v.programmes,
        countries=reference.countries,
        shapes=reference.shapes,
        generated_at="2026-11-24",
        scope="test scope",
        include_reported=not filters.narrows_places,
    )
    arguments.update(overrides)
    return build_report(**arguments)


def test_the_2019_report_headlines_13_reported_participants_and_11_of_12_local_governments(view, reference):
    html = report(view, reference, Filters(programmes=("gsef-shrdc",)))
    assert re.search(r'People trained</div><div class="value">13</div>', html)
    assert re.search(
        r"People trained</div><div class=\"value\">13</div><div class=\"note\">reported by the organisers<", html
    )
    assert "11 recorded of 12 reported" in html
    assert "12 local governments reported, 11 listed" in html


def test_the_headline_counts_each_kind_apart_and_keeps_lower_bounds(view, reference):
    html = report(view, reference)
    assert re.search(r'Webinar attendees</div><div class="value">5,700\+</div>', html)
    assert re.search(r'Academy participants</div><div class="value">200\+</div>', html)
    trained = re.search(
        r'People trained</div><div class="value"><span class="qual">at least</span> ([\d,]+)</div>'
        r'<div class="note">([^<]*)</div>',
        html,
    )
    assert int(trained.group(1).replace(",", "")) > 0 and "had no count" in trained.group(2)
    assert "reported by the organisers" not in trained.group(2)
    assert "6,054" not in html  # the old sum across kinds of event


def test_the_editions_table_keeps_each_figures_qualifier(view, reference):
    html = report(view, reference)
    assert "5,700+ reported" in html and "200+ reported" in html and "about 15 reported" in html
    assert "Webinar" in html and "Academy" in html


def test_every_edition_links_to_its_source(view, reference, bundled):
    html = report(view, reference)
    for url in bundled["edition"]["source_url"]:
        assert f'href="{url}"' in html


def test_the_map_is_inline_svg_with_one_dot_per_local_government_and_needs_no_internet(view, reference):
    html = report(view, reference)
    assert html.count("<circle") == 18  # the 18 bundled local governments
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="https?://[^"]*\.(js|css|png|svg|woff2?)"', html)


def test_approximate_and_ambiguous_locations_are_flagged_on_the_map(view, reference):
    html = report(view, reference)
    assert "Tokha (approximate location)" in html
    assert "Bagmati Rural Municipality (ambiguous location)" in html


def test_values_from_the_data_are_escaped_and_only_http_links_are_clickable(view, reference):
    v = view()
    hostile = v.editions.copy()
    hostile.loc[hostile.index[0], "name"] = "<script>alert(1)</script>"
    hostile.loc[hostile.index[0], "source_url"] = "javascript:alert(1)"
    html = report(view, reference, editions=hostile)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_a_place_filter_leaves_out_the_organisers_totals(view, reference):
    html = report(view, reference, Filters(countries=("NPL",)))
    assert re.search(r'People trained</div><div class="value">not recorded</div>', html)
    assert re.search(r'Local governments</div><div class="value">2</div>', html)


def test_an_empty_view_still_makes_a_readable_report(view, reference):
    html = report(view, reference, Filters(year_from=2030))
    assert "No editions match this scope." in html and "No local government named in this scope." in html


def test_a_demo_report_says_synthetic_at_the_top(view, reference):
    html = report(view, reference, demo=True)
    assert html.index("SYNTHETIC") < html.index("<h1>")


def test_the_report_does_not_change_its_inputs(view, reference):
    v = view()
    before = v.participation.copy()
    report(view, reference)
    pd.testing.assert_frame_equal(v.participation, before)


def test_filters_in_words_and_in_a_link(bundled, reference):
    options = filter_options(bundled, reference.countries)
    chosen = Filters(programmes=("gsef-shrdc",), year_from=2019, year_to=2019, countries=("NPL",))
    assert describe_filters(chosen, options) == "GSEF–SHRDC Capacity Building Training Programme on SSE; Nepal; 2019"
    assert describe_filters(Filters(), options) == "2014–2021"
    root = app_root("http://localhost:8501/report?x=1")
    assert (
        view_url(root, "", chosen)
        == "http://localhost:8501/?programme=gsef-shrdc&country=NPL&from=2019&to=2019&lang=en"
    )
    assert slug_for_file("GSEF–SHRDC; Côte d'Ivoire; 2019") == "gsef-shrdc-cote-d-ivoire-2019"


def test_the_report_charts_people_per_kind_and_reach_as_inline_svg_with_qualifiers(view, reference):
    from ssedash import files

    html = report(view, reference, forums=files.read_context_forums())
    charts = re.findall(r'<figure class="chart"><figcaption>([^<]*)</figcaption><svg', html)
    assert "Webinar attendees per year, as reported (“+”: at least; no bar: not published)" in charts
    assert any(title.startswith("Countries reached, cumulative") for title in charts)
    webinar = html[html.index("Webinar attendees per year") :]
    webinar = webinar[: webinar.index("</figure>")]
    assert ">5,700+</text>" in webinar  # the lower bound keeps its "+" on the bar's label
    assert "GSEF global forum (context, not counted)" in html and "GSEF2018" in html


def test_a_report_without_forums_draws_no_context_marks_and_a_scope_with_nothing_draws_no_chart(view, reference):
    assert "context, not counted" not in report(view, reference)
    empty = report(view, reference, Filters(year_from=1995, year_to=1996))
    assert '<figure class="chart">' not in empty and "No figures to chart in this scope." in empty


def test_chart_text_from_the_data_is_escaped_in_the_svg():
    from ssedash.report_charts import BarChart, Series, bar_chart_svg

    chart = BarChart(
        "<b>title</b>", ["2019"], (Series("<script>", "#000", [3], ["3+"]),), "source <i>", {"2019": "<img src=x>"}
    )
    svg = bar_chart_svg(chart)
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg


def test_a_report_drawn_with_kept_country_outlines_is_the_same_report(view, reference):
    chosen = view()
    common = {
        "editions": chosen.editions,
        "participation": chosen.places,
        "local_governments": chosen.local_governments,
        "programmes": chosen.programmes,
        "countries": reference.countries,
        "shapes": reference.shapes,
        "generated_at": "2026-11-25",
        "scope": "everything",
    }
    kept = country_paths(reference.shapes)
    assert kept and all(path.startswith("M") for path in kept.values())
    assert build_report(**common, outlines=kept) == build_report(**common)


def test_the_report_is_written_in_the_readers_language(view, reference, pseudo_french):
    from tests import pseudo_language

    html = report(view, reference, generated_at="2026-11-24")
    assert '<html lang="fr">' in html
    for heading in ("Editions", "Local governments reached", "Notes on the data", "Reach over time"):
        assert f"<h2>⟦{heading}⟧</h2>" in html
    assert "24 nov. 2026" in html  # the day it was made, as French writes it
    assert "Ouganda" in html and ">Uganda<" not in html  # country names from Natural Earth's French names
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert headers and all(header.startswith("⟦") for header in headers)
    assert not pseudo_language.leaks(re.sub(r"<[^>]+>", " ", html.split("<body>")[1].split("<h2>")[0]))


def test_an_english_report_says_lang_en_and_the_day_in_english(view, reference):
    html = report(view, reference)
    assert '<html lang="en">' in html and "generated Nov 24, 2026 by ssedash" in html


def test_the_reports_charts_go_through_the_catalogues(view, reference, pseudo_french):
    from ssedash import files

    html = report(view, reference, forums=files.read_context_forums())
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", html)
    assert captions and all(caption.startswith("⟦") for caption in captions)
    assert "⟦GSEF global forum (context, not counted)⟧" in html


def test_the_generated_day_is_written_for_the_locale_and_a_text_that_is_no_date_is_kept():
    import datetime as dt

    from ssedash import i18n
    from ssedash.report import generated_on

    with i18n.use(i18n.Language.FR):
        assert generated_on(dt.date(2019, 11, 1)) == generated_on("2019-11-01") == "1 nov. 2019"
    assert generated_on("2019-11-01T10:00") == "Nov 1, 2019"
    assert generated_on("today") == "today"
