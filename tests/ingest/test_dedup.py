"""NearDuplicateIndex: MinHash signatures of word shingles, queried through LSH."""

from __future__ import annotations

import pytest

from presswatch.ingest.dedup import NearDuplicateIndex

ARTICLE = (
    "The harbour council voted on Tuesday to build a new storm wall along the north quay. "
    "Members said the wall would protect the fishing fleet and the ferry terminal from winter "
    "storms, which have flooded the old market twice in the past three years. Work is due to "
    "start in the spring and to last about eighteen months, the council's engineer said. "
    "Residents asked whether the quay would stay open during the works; the council promised "
    "a temporary landing stage for the ferries and a shuttle bus for market traders. The cost "
    "is to be shared between the town, the regional government and the port authority. "
    "Several speakers at the meeting doubted that the money would be enough, pointing to the "
    "rising price of steel and concrete since the plan was first drawn up. The mayor answered "
    "that the estimate had been checked by an independent surveyor last autumn and included a "
    "reserve for unexpected costs. A local shipyard offered to lend two cranes for the works, "
    "and the sailing club said it would move its moorings to the south basin for a season. "
    "The council will publish the final drawings next month and hold two open evenings at the "
    "library, where residents can ask the engineers questions about noise, traffic and the "
    "opening hours of the market during the building work."
)
EDITED = (
    ARTICLE.replace("Tuesday", "Wednesday")
    .replace("eighteen", "twenty")
    .replace("Residents", "Locals")
)
UNRELATED = (
    "A choir from the valley won first prize at the national singing contest on Saturday. "
    "The conductor thanked the parents who drove the singers to rehearsals every week, and "
    "said the prize money would pay for new music and a trip to a festival abroad next summer."
)


def index_of(**texts: str) -> NearDuplicateIndex:
    index = NearDuplicateIndex()
    for doc_id, text in texts.items():
        index.add(doc_id, index.signature(text))
    return index


def test_edited_copy_is_a_near_duplicate() -> None:
    index = index_of(original=ARTICLE, other=UNRELATED)
    found = index.query(index.signature(EDITED))
    assert [doc_id for doc_id, _ in found] == ["original"]
    assert 0.8 <= found[0][1] < 1.0


def test_unrelated_text_is_not() -> None:
    index = index_of(original=ARTICLE)
    assert index.query(index.signature(UNRELATED)) == []


def test_case_and_punctuation_do_not_matter() -> None:
    index = index_of(original=ARTICLE)
    shouted = ARTICLE.upper().replace(",", "").replace(";", " --")
    assert index.query(index.signature(shouted)) == [("original", 1.0)]


def test_exclude_leaves_out_the_document_itself() -> None:
    index = index_of(original=ARTICLE, copy=EDITED)
    signature = index.signature(ARTICLE)
    assert [d for d, _ in index.query(signature, exclude="original")] == ["copy"]
    assert [d for d, _ in index.query(signature)] == ["original", "copy"]


def test_signature_round_trips_through_bytes() -> None:
    first = NearDuplicateIndex()
    signature = first.signature(ARTICLE)
    assert isinstance(signature, bytes)
    assert signature == NearDuplicateIndex().signature(ARTICLE)  # stable across instances
    second = NearDuplicateIndex()
    second.add("stored", bytes(bytearray(signature)))
    assert second.query(first.signature(EDITED))[0][0] == "stored"
    assert len(second) == 1


def test_adding_the_same_id_again_replaces_it() -> None:
    index = index_of(doc=ARTICLE)
    index.add("doc", index.signature(UNRELATED))
    assert len(index) == 1
    assert index.query(index.signature(ARTICLE)) == []


@pytest.mark.parametrize("text", ["Storm", "Storm wall now", "", "!!!"])
def test_short_texts_still_work(text: str) -> None:
    index = NearDuplicateIndex(shingle_size=5)
    index.add("short", index.signature(text))
    assert index.query(index.signature(text)) == [("short", 1.0)]


def test_short_texts_use_fewer_shingles() -> None:
    index = NearDuplicateIndex(shingle_size=5)
    assert index.shingles("Storm wall, now!") == {"storm wall now"}


def test_signatures_of_another_size_are_refused() -> None:
    small = NearDuplicateIndex(num_perm=64)
    with pytest.raises(ValueError, match="permutations"):
        NearDuplicateIndex().add("x", small.signature(ARTICLE))


def test_garbage_is_not_a_signature() -> None:
    with pytest.raises(ValueError, match="not a MinHash signature"):
        NearDuplicateIndex().query(b"\x01\x02")
