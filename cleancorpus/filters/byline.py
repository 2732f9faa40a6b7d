"""byline.v1: datelines, signatures and source credits into ``agency`` and ``author``.

- **Dateline** at the start of the first body line: ``TPO - ``, ``(PLO)- ``, ``(Dân trí) - ``,
  ``VTV.vn - ``, ``HÀ NỘI (TTXVN) - ``: the prefix is cut (kind ``dateline``) and the outlet goes
  to ``agency``. An outlet must be known (``rules/<lang>/agencies.txt``), end in a web domain, stand
  in parentheses, or be a short acronym followed by a lead that starts with a time word.
- **Top byline** among the first ``top`` kept lines: ``By Jane Smith, Reuters``, ``Bài và ảnh: Hồng
  Minh``: a byline label (English "By") or an author label, then names, and optionally a known
  agency after a comma, a dash, a bar or in parentheses: the names go to ``author``, the agency to
  ``agency``.
- **End marker** ``./.`` (or ``/.``) at the end of a line becomes ``.`` (a fix).
- **Signature zone**: the lines after the last prose paragraph. Read from the end: agency lines
  (``(TTXVN)``, ``Theo TTXVN``), source lines (``Theo Dân trí``, ``Nguồn: Báo Lào Cai``) go to
  ``agency``; name lines (``Nguyễn Oanh``, ``THANH VÂN``, ``Bài và ảnh: Hồng Minh``) to ``author``.
  A name may carry its e-mail address (``Minh Anh - minhanh@bao.vn``: the address is dropped with
  the line); a line of an address alone, or a source that is a web address (``Nguồn: https://...``),
  is removed without filling a field.

Why: bylines and credits are metadata; left in the text they teach a model to end articles with names.
False-positive risks: a closing line of two to six capitalised words after the last paragraph is
taken as a name; function words (``rules/<lang>/byline_stopwords.txt``) veto it.

Cost: the signature zone is read from the end of the document and no further than ``max_zone + 1``
lines (a longer run of title-like lines means no zone); the end marker is searched for from where a
match can start, on lines that end with ``/.``.
"""

from __future__ import annotations

import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import AGENCY, AUTHOR, DATE, DATELINE, RELATED, BaseFilter
from cleancorpus.filters.header import parse_date_line
from cleancorpus.filters.related import cue_key
from cleancorpus.lexicon import Lexicon
from cleancorpus.segment import announces_list, is_titlelike, key, norm_key, stripped

_PAREN_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ .]{1,30}?\s*)?\(\s*(?P<ag>[^()]{2,40}?)\s*\)\s*[-–—:]+\s*(?=\S)")
_PLAIN_DATELINE = re.compile(r"^\s*(?P<ag>[^\s()\-–—:][^()\-–—:]{0,30}?)\s+[-–—]+\s+(?=\S)")
_PLACE_DATELINE = re.compile(r"^\s*(?P<place>[A-ZĐÀ-Ỹ]{2,}(?:\s+[A-ZĐÀ-Ỹ]{2,}){0,3})\s+[-–—]+\s+(?=[A-ZĐÀ-Ỹ])")
_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9+&.]{1,5}$")
_DOMAIN = re.compile(r"\.(?:vn|com|net|org)$", re.IGNORECASE)
_TIME_LEAD = re.compile(
    r"^(?:sáng|chiều|tối|trưa|đêm|rạng sáng|ngày|hôm|chiều tối|sáng sớm|vừa qua|mới đây|theo|tại|trong)\b",
    re.IGNORECASE)
_END_MARKER = re.compile(r"(?<=[\w)\"”’'])\s*\.?/\.\s*$")


def _end_marker(text: str) -> re.Match[str] | None:
    """``_END_MARKER.search(text)`` for a text that ends with ``/.``, started where a match can start.

    A match is ``/.`` at the end with an optional period and whitespace before it: it cannot start
    before the last other character ahead of them, so the search starts there (look-behind still
    sees that character) instead of at every position of a long line.
    """
    head = text[:-2]
    if head.endswith("."):
        head = head[:-1]
    return _END_MARKER.search(text, len(head.rstrip()))


_SOURCE = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s+(?P<x>[^()]{2,80}?)\s*\)?\s*\.?$", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(
    r"^(?:bài(?:\s*(?:và|,|&)\s*ảnh)?|tin(?:\s*(?:và|,|&)\s*ảnh)?|ảnh\s*(?:và|,|&)\s*bài|bài viết|thực hiện|"
    r"phóng viên|nhóm phóng viên|tác giả|pv)\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_TOP_LABEL = re.compile(r"^(?:by|written by|words by|story by|reporting by|bởi)\s+(?P<name>.+)$", re.IGNORECASE)
#: A newsroom signing as a team or a role: "Nhóm phóng viên", "PV", "Nhóm PV/VTV", "CTV".
_STAFF = re.compile(r"^(?:nhóm\s+)?(?:pv|phóng viên|ctv|cộng tác viên|btv|biên tập viên|tác giả)(?:\s*/\s*\S+)?$",
                    re.IGNORECASE)
#: A role after a name: "Hải Nguyễn (thực hiện)", "Thu Chung (CTV)".
_ROLE_SUFFIX = re.compile(r"\s*\((?:thực hiện|ctv|cộng tác viên|tổng hợp|lược dịch|biên dịch|dịch|pv)\)$",
                          re.IGNORECASE)
_TRAILING_AGENCY = re.compile(r"^(?P<name>.+?)\s*(?:[,|/]\s*|\s[-–—]\s*|\()(?P<ag>[^,|/()]{2,30}?)\)?$")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\s-\s|\s–\s|\svà\s|\sand\s)\s*")
_NAME_TOKEN = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ'.]*$")
#: An e-mail address ending a signature line, with its separator or label ("- ", "Email: ", "(...)").
_CONTACT_TAIL = re.compile(
    r"\s*(?:[-–—,|]\s*)?\(?\s*(?:e-?mail\s*:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\)?\s*$", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
#: Lines that sign a letter or a statement: the names after them are its signers.
_SIGNING = re.compile(
    r"^(?:thay mặt|t/m|tm\.|kính thư|trân trọng|kính chào|kính gửi)\b"
    r"|,\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
#: A signer's title above a name: "Hiệu trưởng", "KT. Giám đốc", "Phó Chủ tịch".
_SIGNER_TITLE = re.compile(
    r"^(?:(?:kt|tm|q|tl|tuq)\.?\s+)?(?:phó\s+)?(?:hiệu trưởng|giám đốc|tổng giám đốc|chủ tịch|bí thư|trưởng ban|"
    r"trưởng phòng|thủ trưởng|chủ nhiệm|viện trưởng|bộ trưởng|thứ trưởng|tổng biên tập|chánh văn phòng|"
    r"thống đốc|phó thống đốc)$",
    re.IGNORECASE)
_INFO_LABEL = re.compile(r"^[^:]{2,25}:\s*\S")
_NAME_WITH_AGENCY = re.compile(r"^(?P<name>[^()]+?)\s*\(\s*(?P<ag>[^()]{2,30})\s*\)$")


def _trailing_cue(b: Block, lex: Lexicon) -> bool:
    """A related-box or section heading ("Xem thêm", "Tin liên quan") left after the signature once
    what it introduced was removed: it goes with the signature zone, and only with a signature."""
    return cue_key(key(b)) in lex.related_cues or cue_key(key(b)) in lex.section_cues


def _in_info_box(head: list[Block], b: Block) -> bool:
    """Whether a labelled line ("Tác giả: X") stands among other "Label: value" lines (a book's or
    event's info box: "Nhà xuất bản: ...", "Số trang: ..."), where it names no writer of the article."""
    others = [x for x in head if x is not b]
    return any(_INFO_LABEL.match(stripped(x)) for x in others)


class BylineFilter(BaseFilter):
    """Datelines, the ./. end marker, author and agency lines after the body."""

    id = "byline.v1"

    def __init__(self, dateline: bool = True, end_marker: bool = True, signature: bool = True,
                 max_zone: int = 4, top: int = 2) -> None:
        super().__init__(dateline=dateline, end_marker=end_marker, signature=signature, max_zone=max_zone,
                         top=top)
        self.top = top
        self.dateline = dateline
        self.end_marker = end_marker
        self.signature = signature
        self.max_zone = max_zone

    def apply(self, doc: Document) -> None:
        live = doc.live()
        if not live:
            return
        lex = self.lexicon(doc)
        if self.top > 0 and (self._top_byline(doc, live[: self.top], lex, live[: self.top + 3])
                             or self._byline_block(doc, live[: self.top + 3], lex)):
            live = doc.live()
            if not live:
                return
        if self.dateline:
            self._dateline(doc, live[0], lex)
        if self.end_marker:
            for b in live:
                if b.text.endswith("/.") and (m := _end_marker(b.text)):
                    doc.edit(b, m.start(), m.end(), ".", f"{self.id}/end-marker")
        if self.signature:
            self._signature(doc, live, lex)

    # -- dateline ----------------------------------------------------------------------------
    def _is_agency(self, name: str, lex: Lexicon, rest: str, parens: bool) -> bool:
        if norm_key(name) in lex.agencies or _DOMAIN.search(name):
            return True
        if parens:
            return len(name.split()) <= 4 and name[:1].isupper()
        return bool(_ACRONYM.match(name)) and bool(_TIME_LEAD.match(rest))

    def _dateline(self, doc: Document, b: Block, lex: Lexicon) -> None:
        t = b.text
        for rx, parens in ((_PAREN_DATELINE, True), (_PLAIN_DATELINE, False)):
            m = rx.match(t)
            if m and self._is_agency(m.group("ag"), lex, t[m.end():], parens):
                if doc.agency is None:
                    doc.agency = m.group("ag").strip()
                doc.edit(b, 0, m.end(), "", f"{self.id}/dateline", kind=DATELINE)
                return
        m = _PLACE_DATELINE.match(t)
        if m and ((" " in m.group("place") and not m.group("place").isascii()) or _TIME_LEAD.match(t[m.end():])):
            doc.edit(b, 0, m.end(), "", f"{self.id}/place-dateline", kind=DATELINE)

    # -- top byline --------------------------------------------------------------------------
    def _top_byline(self, doc: Document, head: list[Block], lex: Lexicon,
                    around: list[Block] | None = None) -> bool:
        """Move the first byline line among ``head`` into ``author`` (and ``agency``)."""
        for b in head:
            s = stripped(b)
            if len(s) > 80:
                continue
            m = _TOP_LABEL.match(s) or _AUTHOR_LABEL.match(s)
            if m is None:
                continue
            name, ag = m.group("name").strip(" ."), None
            t = _TRAILING_AGENCY.match(name)
            if t and norm_key(t.group("ag")) in lex.agencies:
                name, ag = t.group("name").strip(), t.group("ag").strip()
            elif t and norm_key(t.group("ag")) in lex.menu_sections:  # "Bởi X | Kinh tế": the section
                name = t.group("name").strip()
            if not self._is_name(name, lex) or _in_info_box(around or head, b):
                continue
            doc.move(b, "author", f"{self.id}/top-byline", AUTHOR, value=name)
            if ag is not None and doc.agency is None:
                doc.agency = ag
            return True
        return False

    def _byline_block(self, doc: Document, head: list[Block], lex: Lexicon) -> bool:
        """A name line near the top followed directly by the writer's e-mail address or the date
        line ("Nguyễn Văn An" / "nva@thanhnien.vn" / "15/10/2024 06:30 GMT+7"): the name goes to
        ``author``, the address is removed, the date goes to ``date``. A name alone is left: near
        the top it may be an interviewee or a subheading."""
        for i, b in enumerate(head[:-1]):
            got = self._signature_line(stripped(b), lex)
            if got is None or got[0] != "author":
                continue
            rest = head[i + 1:i + 3]
            kinds = []
            for x in rest:
                s = stripped(x)
                if "@" in s and _CONTACT_TAIL.fullmatch(s):
                    kinds.append("contact")
                elif parse_date_line(s, lex):
                    kinds.append("date")
                else:
                    break
            if not kinds:
                continue
            doc.move(b, "author", f"{self.id}/byline-block", AUTHOR, value=got[1])
            for x, kind in zip(rest, kinds, strict=False):  # kinds may stop before rest
                if kind == "contact":
                    doc.remove(x, f"{self.id}/byline-block", AUTHOR)
                elif doc.date is None:
                    doc.move(x, "date", f"{self.id}/byline-block", DATE, value=parse_date_line(stripped(x), lex))
                else:
                    doc.remove(x, f"{self.id}/byline-block", DATE)
            return True
        return False

    # -- signature ---------------------------------------------------------------------------
    def _signature(self, doc: Document, live: list[Block], lex: Lexicon) -> None:
        # The zone is the run of title-like lines after the last prose line: read from the end, and
        # only as far as a zone may reach (a longer run, or no prose line at all, means no zone).
        size = 0
        for b in reversed(live):
            if not is_titlelike(b) and not ("@" in b.text and _CONTACT_TAIL.search(stripped(b))):
                break
            size += 1
            if size > self.max_zone:
                return
        if size == 0 or size == len(live):
            return
        zone = live[len(live) - size:]
        found: list[tuple[Block, str, str]] = []
        before: Block = live[len(live) - size - 1]  # the last prose line
        trailing: list[Block] = []  # cue headings among the signature lines ("Xem thêm" whose links went)
        for b in reversed(zone):
            if _trailing_cue(b, lex):
                trailing.append(b)
                continue
            got = self._signature_line(stripped(b), lex)
            if got is None:
                before = b
                break
            found.append((b, *got))
        if not found or not self._signed_by_writer(before, found, lex):
            return
        doc.remove_many(trailing, f"{self.id}/trailing-cue", RELATED)
        for b, field, value in reversed(found):
            if field == "author+agency":
                name, ag = value.split("\x00")
                doc.move(b, "author", f"{self.id}/author", AUTHOR, value=name)
                if doc.agency is None:
                    doc.agency = ag
            elif field == "contact":
                doc.remove(b, f"{self.id}/contact", AUTHOR)
            elif field == "source-link":
                doc.remove(b, f"{self.id}/source-link", AGENCY)
            else:
                doc.move(b, field, f"{self.id}/{field}", AUTHOR if field == "author" else AGENCY, value=value)

    @staticmethod
    def _signed_by_writer(before: Block, found: list[tuple[Block, str, str]], lex: Lexicon) -> bool:
        """False when the names found close something other than the article: the line before them
        announces a list ("Ba em đạt giải gồm:"; unless an agency, source or labelled line shows a
        byline), closes a letter ("Mẹ của con,") or is a signer's title ("Hiệu trưởng"), breaks off
        mid-sentence (a hard-wrapped line that ends with a function word, "... là" before "Bảo
        Ninh"), or signs a letter ("Thay mặt gia đình", "Hà Nội, ngày 14 tháng 10 năm 2024"); or
        three or more bare name lines, which are a list of people; or the lines are only e-mail
        addresses (an address alone at the end is what the article gives)."""
        s = stripped(before)
        names_only = all(field == "author" for _, field, _ in found)
        if (names_only and announces_list(before, lex.list_leads)) or _SIGNING.search(s):
            return False
        if names_only and (s.endswith(",") or _SIGNER_TITLE.match(s)):
            return False  # "Mẹ của con," / "Hiệu trưởng" above a name: a letter's or decree's signer
        if all(field == "contact" for _, field, _ in found):
            return False  # an e-mail address alone at the end is content ("Bài dự thi gửi về Email: ...")
        if s and s[-1].isalpha() and norm_key(s.rsplit(None, 1)[-1]) in lex.byline_words:
            return False
        return sum(1 for _, field, _ in found if field == "author") < 3

    def _signature_line(self, s: str, lex: Lexicon) -> tuple[str, str] | None:
        """("agency" | "author" | "author+agency", value) for a signature line, ("contact", "") for an
        e-mail address alone, ("source-link", address) for a source given as a web address, else None."""
        if not s or len(s) > 80:
            return None
        if "@" in s and (m := _CONTACT_TAIL.search(s)):
            head = s[: m.start()].strip()
            if not head:
                return ("contact", "")
            got = self._signature_line(head, lex)
            return got if got is not None and got[0] in ("author", "author+agency") else None
        bare = s.strip("()").strip()
        if norm_key(bare) in lex.agencies:
            return ("agency", bare)
        if _STAFF.match(s):
            return ("author", s)
        role = _ROLE_SUFFIX.search(s)
        if role and role.start() > 0:
            got = self._signature_line(s[: role.start()], lex)
            return got if got is not None and got[0] == "author" else None
        m = _SOURCE.match(s)
        if m:
            x = m.group("x").strip()
            if _WEB_ADDRESS.match(x):
                return ("source-link", x)
            if _SIGNER_TITLE.match(x) or norm_key(x.split()[0]) in lex.byline_words:
                return None  # "Theo Thống đốc", "Theo ông": a person's words, not a source
            if x[:1].isupper() and len(x.split()) <= 8 and not any(c in x for c in ",;:!?"):
                return ("agency", x)
            return None
        m = _AUTHOR_LABEL.match(s)
        if m and self._is_name(m.group("name").strip(" ."), lex):
            return ("author", m.group("name").strip(" ."))
        name, slash, ag = s.rpartition("/")
        if slash and name and self._is_name(name.strip(), lex) and (norm_key(ag) in lex.agencies or _DOMAIN.search(ag)):
            return ("author+agency", f"{name.strip()}\x00{ag.strip()}")  # "Hoàng Anh/VOV.VN"
        m = _NAME_WITH_AGENCY.match(s)
        if m and self._is_name(m.group("name"), lex) and norm_key(m.group("ag")) in lex.agencies:
            return ("author+agency", f"{m.group('name').strip()}\x00{m.group('ag').strip()}")
        if self._is_name(s, lex):
            return ("author", s)
        return None

    @staticmethod
    def _is_name(s: str, lex: Lexicon) -> bool:
        """Names: 2-6 capitalised letter-only words per name (or a 2-5 letter all-caps code)."""
        parts = [p for p in _NAME_SPLIT.split(s.strip()) if p]
        if not parts or len(parts) > 4:
            return False
        for part in parts:
            toks = part.split()
            if len(toks) == 1:
                if not (toks[0].isupper() and 2 <= len(toks[0]) <= 5 and toks[0].isalpha()):
                    return False
                continue
            if len(toks) > 6:
                return False
            for tok in toks:
                if not _NAME_TOKEN.match(tok) or any(ch.isdigit() for ch in tok) or norm_key(tok) in lex.byline_words:
                    return False
        return True
