// Little-endian binary writer and bounds-checked reader for model files.
//
// BinaryReader never reads past its buffer: every Get* returns false once the
// data is exhausted, so a truncated file becomes an error, never a crash.
#ifndef DYAD_SYNTAX_BINIO_H_
#define DYAD_SYNTAX_BINIO_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dyad::syntax {

class BinaryWriter {
 public:
  explicit BinaryWriter(std::string* out) : out_(out) {}
  template <typename T>
  void Put(T v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));  // model files are little-endian; so is every platform we build for
    out_->append(buf, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_->append(s.data(), s.size());
  }
  void PutBytes(const void* p, size_t n) { out_->append(static_cast<const char*>(p), n); }
  size_t size() const { return out_->size(); }

 private:
  std::string* out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view data) : data_(data) {}
  template <typename T>
  bool Get(T* v) {
    if (data_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetString(std::string* s, uint32_t max_len = 1u << 20) {
    uint32_t n = 0;
    if (!Get(&n) || n > max_len || data_.size() - pos_ < n) return false;
    s->assign(data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool GetBytes(void* p, size_t n) {
    if (data_.size() - pos_ < n) return false;
    std::memcpy(p, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  // A view of the next n bytes (no copy), valid as long as the data.
  bool GetView(size_t n, std::string_view* out) {
    if (data_.size() - pos_ < n) return false;
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return data_.size() - pos_; }
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_BINIO_H_
