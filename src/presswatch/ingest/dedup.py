"""Near-duplicate articles: MinHash signatures of word shingles, indexed with LSH.

A signature is a serialised datasketch ``LeanMinHash`` (little-endian, permutation
scheme ``affine32``, seed 1) of the text's word shingles: lower-cased words, with
punctuation ignored, taken ``shingle_size`` at a time. The store keeps the bytes and
gives them back to :meth:`NearDuplicateIndex.add` on the next run, so signatures made
with the same ``num_perm`` are comparable across runs.
"""

from __future__ import annotations

import re
import struct

from datasketch import LeanMinHash, MinHash, MinHashLSH

SEED = 1
SCHEME = "affine32"
BYTE_ORDER = "<"
_WORD = re.compile(r"\w+")


class NearDuplicateIndex:
    """Documents indexed by signature, to find those whose texts nearly match."""

    def __init__(
        self, *, num_perm: int = 128, threshold: float = 0.8, shingle_size: int = 5
    ) -> None:
        if shingle_size < 1:
            raise ValueError(f"shingle_size must be at least 1, not {shingle_size}")
        self.num_perm = num_perm
        self.threshold = threshold
        self.shingle_size = shingle_size
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, LeanMinHash] = {}

    def signature(self, text: str) -> bytes:
        """The serialised MinHash of the word shingles of ``text``."""
        minhash = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME)
        shingles = self.shingles(text)
        if shingles:
            minhash.update_batch([s.encode("utf-8") for s in shingles])
        lean = LeanMinHash(minhash)
        buffer = bytearray(lean.bytesize(byteorder=BYTE_ORDER))
        lean.serialize(buffer, byteorder=BYTE_ORDER)
        return bytes(buffer)

    def shingles(self, text: str) -> set[str]:
        """The word shingles of ``text``; one shingle of all its words when it is short."""
        words = _WORD.findall(text.casefold())
        size = min(self.shingle_size, len(words))
        if size == 0:
            return set()
        return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}

    def add(self, doc_id: str, signature: bytes) -> None:
        """Index ``doc_id`` under ``signature`` (replacing its earlier signature, if any)."""
        minhash = self._load(signature)
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
        self._lsh.insert(doc_id, minhash)
        self._signatures[doc_id] = minhash

    def query(self, signature: bytes, *, exclude: str | None = None) -> list[tuple[str, float]]:
        """(doc_id, estimated Jaccard) of indexed near-duplicates, best first.

        Only documents at or over the threshold are returned; ``exclude`` (the querying
        document's own id) is left out.
        """
        minhash = self._load(signature)
        found = []
        for doc_id in self._lsh.query(minhash):
            if doc_id == exclude:
                continue
            similarity = float(minhash.jaccard(self._signatures[doc_id]))
            if similarity >= self.threshold:
                found.append((str(doc_id), similarity))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def __len__(self) -> int:
        return len(self._signatures)

    def _load(self, signature: bytes) -> LeanMinHash:
        """The MinHash of a signature; ValueError when it is not one of this index's."""
        try:
            minhash = LeanMinHash.deserialize(signature, byteorder=BYTE_ORDER)
        except (struct.error, ValueError, TypeError) as exc:
            raise ValueError(f"not a MinHash signature: {exc}") from None
        if len(minhash) != self.num_perm or minhash.scheme != SCHEME or minhash.seed != SEED:
            raise ValueError(
                f"signature has {len(minhash)} permutations ({minhash.scheme}, seed "
                f"{minhash.seed}); this index uses {self.num_perm} ({SCHEME}, seed {SEED})"
            )
        return minhash
