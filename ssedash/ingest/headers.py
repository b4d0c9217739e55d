"""The upload's column headers in every language: the template's headers (each field's name, translated in the
catalogues), the Korean headers people write (French and Spanish ones are in schema.UPLOAD_SYNONYMS), and the index
the column matcher reads them with.

A template downloaded in French or Korean has its headers in that language; `header_index()` accepts them back
whatever the translators wrote, since it reads the translation of each field's name from every catalogue. Written
synonyms win over translations, so a translation can never take a header from the field it already means.
"""

from __future__ import annotations

from functools import lru_cache

from ssedash import i18n, schema
from ssedash.i18n import N_, t
from ssedash.text import fold_header

# The template's header of each upload field: its name as it is (English), translated in the catalogues. The
# translation is a column header an analyst types or keeps (short, no punctuation needed).
TEMPLATE_HEADERS = {
    "year": N_("year"),
    "local_government": N_("local_government"),
    "country": N_("country"),
    "programme": N_("programme"),
    "edition": N_("edition"),
    "participants": N_("participants"),
    "role": N_("role"),
    "gender": N_("gender"),
    "latitude": N_("latitude"),
    "longitude": N_("longitude"),
    "admin_level": N_("admin_level"),
    "source_url": N_("source_url"),
    "event_kind": N_("event_kind"),
}

# Korean headers (folded before comparing, so spaces do not matter: "참가자 수" = "참가자수").
KOREAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "year": ("연도", "년도", "개최 연도", "개최년도"),
    "local_government": ("지방정부", "지방 정부", "지방자치단체", "자치단체", "지자체", "도시", "시군구"),
    "country": ("국가", "나라", "국가명", "국가 코드"),
    "programme": ("프로그램", "프로그램명", "프로그램 이름"),
    "edition": ("회차", "에디션", "차수", "기수"),
    "participants": ("참가자 수", "참가 인원", "참석자 수", "인원", "인원 수"),
    "role": ("역할", "직책", "직위", "직급"),
    "gender": ("성별",),
    "latitude": ("위도",),
    "longitude": ("경도",),
    "admin_level": ("행정 단위", "행정 구분", "행정 수준", "행정 구역"),
    "source_url": ("출처", "출처 URL", "출처 링크", "자료 출처", "링크"),
    "event_kind": ("행사 유형", "행사 종류", "이벤트 유형", "행사 구분"),
}

# Korean headers of columns that would carry personal data (dropped on upload like schema.PII_SYNONYMS).
KOREAN_PII: tuple[str, ...] = (
    "이름",
    "성명",
    "성함",
    "참가자명",
    "참가자 이름",
    "이메일",
    "전자우편",
    "메일",
    "전화",
    "전화번호",
    "연락처",
    "휴대폰",
    "휴대전화",
    "주소",
    "생년월일",
    "여권 번호",
)

_WRITTEN: dict[str, str] = {}
for _synonyms in (schema.UPLOAD_SYNONYMS, KOREAN_SYNONYMS):
    for _field, _names in _synonyms.items():
        for _name in (_field, *_names):
            _WRITTEN.setdefault(fold_header(_name), _field)
PII_INDEX: frozenset[str] = frozenset(fold_header(s) for s in (*schema.PII_SYNONYMS, *KOREAN_PII))


def header_index() -> dict[str, str]:
    """Folded header -> upload field: the written synonyms (English, French, Spanish, Korean), then each field's
    template header as every catalogue translates it."""
    return _index(tuple(i18n.catalogue(language) for language in i18n.TRANSLATED))


@lru_cache(maxsize=4)
def _index(catalogues: tuple) -> dict[str, str]:
    index = dict(_WRITTEN)
    for catalogue in catalogues:
        for field, header in TEMPLATE_HEADERS.items():
            folded = fold_header(catalogue.gettext(header))
            if folded:
                index.setdefault(folded, field)
    return index


def template_header(field: str) -> str:
    """A field's header in the template, in the reader's language."""
    return t(TEMPLATE_HEADERS[field])


def accepted_headers(field: str, n: int = 4) -> list[str]:
    """A few headers the matcher accepts for a field, the reader's language first (for messages)."""
    return list(dict.fromkeys([template_header(field), *schema.UPLOAD_SYNONYMS[field][:n]]))
