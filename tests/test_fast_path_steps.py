"""Steps of the fast path done a cheaper way give what the steps they stand for give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mttq_docs.fields import FieldInserter, field_marker

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = (f'<w:document xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/'
        'wordml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')


def _marker(n: int) -> str:
    return str(field_marker(f"tag.{n}", f"Tiêu đề {n} & <x>", "……" if n % 2 else "Nhập tên",
                            "" if n % 3 else f"giá trị {n}"))


TEXTS = ["", "Địa điểm: ", " &amp; ", "&lt;w:r&gt;", " đó.", "\ue000 nửa"]
RPRS = ["", "<w:rPr/>", '<w:rPr><w:sz w:val="26"/></w:rPr>',
        '<w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:i w14:x="1"/></w:rPr>',
        '<w:rPr><w:r><w:t>trong</w:t></w:r></w:rPr>',  # a run inside formatting
        '<w:rPr><w:t>MARK</w:t></w:rPr>']


@st.composite
def runs(draw: st.DrawFn, hostile: bool = True) -> str:
    """A run (or, ``hostile``, something else with a marker in it) of a paragraph."""
    count = draw(st.integers(0, 3))
    text = draw(st.sampled_from(TEXTS)).join(
        [""] + [_marker(draw(st.integers(0, 9))) for _ in range(count)] + [""])
    rpr = draw(st.sampled_from(RPRS if hostile else RPRS[:4])).replace("MARK", _marker(1))
    space = draw(st.sampled_from(["", ' xml:space="preserve"']))
    start = draw(st.sampled_from(["<w:r>", '<w:r w:rsidR="00AB"> ', '<w:r w:rsidR="\ue000">']))
    tail = draw(st.sampled_from(["", "đuôi", _marker(2)] if hostile else [""]))
    shape = draw(st.sampled_from(["plain", "tab", "two", "comment", "pi", "bare", "ns",
                                  "attribute", "nested", "other"] if hostile else ["plain"]))
    t = f"<w:t{space}>{text}</w:t>" if text or hostile else "<w:t>x</w:t>"
    if shape == "tab":
        t = "<w:tab/>" + t
    elif shape == "two":
        t = t + "<w:br/><w:t>sau</w:t>"
    run = f"{start.strip()}{rpr}{t}</w:r>{tail}"
    if shape == "comment":
        return f"<!--{run}-->"
    if shape == "pi":
        return f"<?x {run}?>"
    if shape == "bare":
        return t
    if shape == "ns":
        return f'<x:r xmlns:x="{W}"><x:t>{text}</x:t></x:r>'
    if shape == "attribute":
        return f'<w:r><w:t w14:x="{_marker(3)}">{text}</w:t></w:r>'
    if shape == "nested":
        return f"<w:r><w:rPr>{run}</w:rPr><w:t>{text}</w:t></w:r>"
    if shape == "other":  # w: stands for another namespace there: no field of Word's
        return f'<w:hyperlink xmlns:w="urn:other">{run}</w:hyperlink>'
    return run


def _both_ways(paragraphs: list[list[str]]) -> bytes | None:
    """The serialised path's bytes (``None``: not taken), checked against the tree path's,
    with a fresh inserter and with one that kept the runs of a first document."""
    body = "".join(f"<w:p>{''.join(p)}</w:p>" for p in paragraphs)
    source = f"{ROOT}<w:body>{body}<w:sectPr/></w:body></w:document>".encode()
    root = etree.fromstring(source)
    data = etree.tostring(root, encoding="UTF-8", standalone=True)
    opening = data.index(b"<w:body>") + len(b"<w:body>")
    start, end = data[:opening], data[data.index(b"</w:body>"):]
    inserter = FieldInserter()
    serialized = inserter.serialized(data, start, end)
    FieldInserter()(root)
    if serialized is not None:
        assert serialized == etree.tostring(root, encoding="UTF-8", standalone=True)
    assert inserter.serialized(data, start, end) == serialized
    return serialized


@given(st.lists(st.lists(runs(), max_size=4), min_size=1, max_size=4))
@settings(max_examples=400, deadline=None)
def test_serialized_insertion_is_the_tree_insertion(paragraphs: list[list[str]]) -> None:
    _both_ways(paragraphs)


@given(st.lists(st.lists(runs(hostile=False), max_size=4), min_size=1, max_size=4))
@settings(max_examples=100, deadline=None)
def test_ordinary_runs_take_the_serialized_path(paragraphs: list[list[str]]) -> None:
    serialized = _both_ways(paragraphs)
    assert serialized is not None


def test_a_document_with_ordinary_fields_takes_the_serialized_path() -> None:
    run = f'<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>Thôn {_marker(1)}, {_marker(2)}</w:t></w:r>'
    source = f"{ROOT}<w:body><w:p>{run}{run}</w:p></w:body></w:document>".encode()
    root = etree.fromstring(source)
    data = etree.tostring(root, encoding="UTF-8", standalone=True)
    opening = data.index(b"<w:body>") + len(b"<w:body>")
    inserter = FieldInserter()
    serialized = inserter.serialized(data, data[:opening], data[data.index(b"</w:body>"):])
    FieldInserter()(root)
    assert serialized == etree.tostring(root, encoding="UTF-8", standalone=True)
    assert serialized.count(b"<w:sdt>") == 4
    assert len(inserter.runs) == 2  # the same run, second in the document: its own ids


@given(st.lists(st.sampled_from(["\n<w:p ", "\n<w:p>", "\n<w:pPr>", "\n<w:p", "\n", "<w:p>",
                                 "{_{", "}_}", "{_%", "%_}", "{", "}", "_", "%", "x", "đ"]),
                max_size=30))
@settings(max_examples=500, deadline=None)
def test_after_jinja_is_docxtpls_regex_and_replacements(pieces: list[str]) -> None:
    import re

    from mttq_docs.prepared import after_jinja

    xml = "".join(pieces)
    expected = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    expected = expected.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace(
        "%_}", "%}")
    assert after_jinja(xml) == expected


def test_the_sandboxs_shortcuts_give_what_the_sandbox_gives() -> None:
    """A plain dict's item and loop's attributes, told without the sandbox's general path."""
    from jinja2.runtime import LoopContext, Undefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from mttq_docs.render import make_environment

    env = make_environment()

    def same(obj: object, name: str) -> None:
        def outcome(getattr_: object) -> object:
            value = getattr_(env, obj, name)  # type: ignore[operator]
            if isinstance(value, Undefined):
                return (type(value), value._undefined_name, value._undefined_obj is obj)
            return value

        assert outcome(type(env).getattr) == outcome(ImmutableSandboxedEnvironment.getattr)

    context = {"ten": "Thanh Hà", "items": [1], "keys": 2, "__class__": 3, "_x": 4, "": 5}
    for name in ["ten", "items", "keys", "values", "get", "__class__", "_x", "", "thieu",
                 "__dict__", "mro", "pop", "clear", "update", "setdefault", "fromkeys"]:
        same(context, name)
        same({}, name)
    loop = LoopContext(iter([1, 2, 3]), Undefined)
    next(iter(loop))
    for name in ["index", "index0", "revindex", "revindex0", "first", "last", "length",
                 "depth", "depth0", "nextitem", "cycle", "changed", "_after", "__class__"]:
        same(loop, name)
