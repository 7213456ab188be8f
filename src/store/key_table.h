// KeyTable: where the keys of a bulk load are -- an open-addressing multimap
// from 64-bit keys (hashes of document ids, content hashes, events' dedup
// hashes) to the rows holding them. A bulk load builds the store's key indexes
// (documents_id, documents_hash, events_dedup) only at its end, by one sort
// each, instead of a random b-tree insert per row that dirties pages all over
// the index in every batch; until then its lookups go through these tables.
//
// A key may map to several values (two document ids with one hash; the many
// events of one dedup key), and a value may be stale (its row since replaced or
// deleted): the caller reads each candidate row by its rowid and checks it.
// Nothing is ever removed. The table grows by doubling up to `max_slots`; an
// Add() that would need more returns false and the owner builds the indexes.
//
// `Value` is a small struct whose `id` (a rowid, > 0) marks a used slot.
// A value type; not thread-safe (the store's one writer owns its tables).
#ifndef DYAD_STORE_KEY_TABLE_H_
#define DYAD_STORE_KEY_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dyad::store {

template <typename Value>
class KeyTable {
 public:
  explicit KeyTable(size_t max_slots = size_t{1} << 22) : max_slots_(max_slots) {}

  // Empties the table and gives its memory back (a bulk load that goes on with the key indexes keeps no
  // table; one that rebuilds its tables grows them again from the smallest size anyway).
  void Clear() {
    std::vector<Slot>().swap(slots_);
    size_ = 0;
  }
  // Stores `v` (v.id > 0) under `key`. False when the table is full: it then holds what it held before.
  bool Add(uint64_t key, const Value& v) {
    if ((size_ + 1) * 4 > slots_.size() * 3) {  // at most 3/4 full
      const size_t want = slots_.empty() ? kMinSlots : 2 * slots_.size();
      if (want > max_slots_) return false;
      Grow(want);
    }
    Place(key, v);
    ++size_;
    return true;
  }
  // Calls f(value) for every value stored under `key` (in no particular order).
  template <typename F>
  void ForEach(uint64_t key, F&& f) const {
    if (slots_.empty()) return;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Mix(key) & mask; slots_[i].value.id != 0; i = (i + 1) & mask) {
      if (slots_[i].key == key) f(slots_[i].value);
    }
  }
  size_t size() const { return size_; }
  size_t max_slots() const { return max_slots_; }

 private:
  static constexpr size_t kMinSlots = 1024;
  struct Slot {
    uint64_t key = 0;
    Value value{};
  };
  // splitmix64's finaliser: keys that are already hashes, or small ids, spread over all bits.
  static uint64_t Mix(uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
  void Place(uint64_t key, const Value& v) {
    const size_t mask = slots_.size() - 1;
    size_t i = Mix(key) & mask;
    while (slots_[i].value.id != 0) i = (i + 1) & mask;
    slots_[i] = Slot{key, v};
  }
  void Grow(size_t n) {
    std::vector<Slot> old(n);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.value.id != 0) Place(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;  // a power of two in size, or empty
  size_t size_ = 0;
  size_t max_slots_;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_KEY_TABLE_H_
