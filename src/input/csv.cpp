#include "input/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace recert {

namespace {
constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kMaxErrors = 10000; // enough to report; bounded memory on hostile input
constexpr std::size_t kMaxField = std::size_t{1024} * 1024; // longer fields are refused, not kept

// Characters in [b, e): bytes that are not UTF-8 continuation bytes.
int chars(const char* b, const char* e) {
    int n = 0;
    for (; b < e; ++b) n += (static_cast<unsigned char>(*b) & 0xC0) != 0x80;
    return n;
}

// The bytes that end a run of field text: outside quotes the delimiter, a quote, CR and LF;
// inside quotes a quote and LF. Sixteen bytes at a time where SSE2 is available (every x86-64).
class Stops {
  public:
    Stops(char delimiter, const std::array<std::uint8_t, 256>& plain,
          const std::array<std::uint8_t, 256>& quoted)
        : plain_(plain), quoted_(quoted) {
#if defined(__SSE2__)
        delimiter_ =
            _mm_set1_epi32(static_cast<int>(0x01010101u * static_cast<unsigned char>(delimiter)));
        quote_ = _mm_set1_epi8('"');
        cr_ = _mm_set1_epi8('\r');
        lf_ = _mm_set1_epi8('\n');
#else
        (void)delimiter;
#endif
    }
    // the first stop byte in [p, end), or end
    const char* plain(const char* p, const char* end) const {
#if defined(__SSE2__)
        for (; end - p >= 16; p += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i hit =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, delimiter_), _mm_cmpeq_epi8(x, quote_)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, cr_), _mm_cmpeq_epi8(x, lf_)));
            if (const int bits = _mm_movemask_epi8(hit))
                return p + __builtin_ctz(static_cast<unsigned>(bits));
        }
#endif
        while (p < end && !plain_[static_cast<unsigned char>(*p)]) ++p;
        return p;
    }
    const char* quoted(const char* p, const char* end) const {
#if defined(__SSE2__)
        for (; end - p >= 16; p += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, quote_), _mm_cmpeq_epi8(x, lf_));
            if (const int bits = _mm_movemask_epi8(hit))
                return p + __builtin_ctz(static_cast<unsigned>(bits));
        }
#endif
        while (p < end && !quoted_[static_cast<unsigned char>(*p)]) ++p;
        return p;
    }

  private:
    const std::array<std::uint8_t, 256>& plain_;
    const std::array<std::uint8_t, 256>& quoted_;
#if defined(__SSE2__)
    __m128i delimiter_, quote_, cr_, lf_;
#endif
};
} // namespace

std::pair<int, int> CsvRow::position(std::size_t offset, const char* base) const {
    // the line break before the offset, if the record has one
    const auto it = std::upper_bound(breaks_.begin(), breaks_.end(), offset);
    if (it == breaks_.begin()) return {line_, column_ + chars(base, base + offset)};
    const std::size_t from = *(it - 1);
    return {line_ + static_cast<int>(it - breaks_.begin()), 1 + chars(base + from, base + offset)};
}

void CsvRow::columns(std::vector<int>& out) const {
    out.resize(count_);
    std::size_t from = 0; // the byte whose column is known
    int column = column_;
    auto next_break = breaks_.begin();
    for (std::size_t i = 0; i < count_; ++i) {
        const std::size_t start = cells_[i].start;
        // count on from the field before, or from the last line break before this field
        while (next_break != breaks_.end() && *next_break <= start) {
            from = *next_break++;
            column = 1;
        }
        column += chars(base_ + from, base_ + start);
        from = start;
        out[i] = column;
    }
}

bool CsvRow::ascii() const {
    if (ascii_ >= 0) return ascii_ != 0;
    const char* p = base_;
    const char* e = base_ + raw_size_;
#if defined(__SSE2__)
    if (e - p >= 16) {
        // the high bits of every byte, and the smallest byte (0 for a NUL)
        __m128i high = _mm_setzero_si128(), low = _mm_set1_epi8(-1);
        for (; e - p > 16; p += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            high = _mm_or_si128(high, x);
            low = _mm_min_epu8(low, x);
        }
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(e - 16)); // the rest
        high = _mm_or_si128(high, x);
        low = _mm_min_epu8(low, x);
        return _mm_movemask_epi8(high) == 0 &&
               _mm_movemask_epi8(_mm_cmpeq_epi8(low, _mm_setzero_si128())) == 0;
    }
#endif
    for (; p < e; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == 0 || c >= 0x80) return false;
    }
    return true;
}

void CsvReader::init_classes() {
    for (unsigned char c :
         {static_cast<unsigned char>(delimiter_), static_cast<unsigned char>('\n'),
          static_cast<unsigned char>('\r'), static_cast<unsigned char>('"')})
        class_[c] = 1;
    quoted_class_['\n'] = 1;
    quoted_class_['"'] = 1;
}

CsvReader::CsvReader(int fd, char delimiter, std::string_view already_read)
    : fd_(fd), buffer_(new char[std::max(kChunk, already_read.size())]),
      buffer_size_(std::max(kChunk, already_read.size())), delimiter_(delimiter) {
    init_classes();
    data_ = buffer_.get();
    if (!already_read.empty()) // memcpy from a null pointer is undefined even for 0 bytes
        std::memcpy(buffer_.get(), already_read.data(), already_read.size());
    end_ = already_read.size();
}

CsvReader::CsvReader(std::string_view text, char delimiter) : delimiter_(delimiter) {
    init_classes();
    if (!text.empty()) data_ = text.data();
    end_ = text.size();
    eof_ = true;
}

bool CsvReader::more() {
    if (eof_) return false;
    // keep the record being read, drop what is before it
    const std::size_t keep = in_record_ ? record_ : pos_;
    if (mark_ < keep) { // the column count moves along
        mark_column_ += chars(data_ + mark_, data_ + keep);
        mark_ = keep;
    }
    if (keep > 0) {
        std::memmove(buffer_.get(), buffer_.get() + keep, end_ - keep);
        buffer_offset_ += keep;
        pos_ -= keep;
        end_ -= keep;
        record_ -= std::min(record_, keep);
        mark_ -= keep;
    }
    if (buffer_size_ - end_ < kChunk / 2) { // a record longer than the buffer: a larger one
        const std::size_t size = buffer_size_ * 2;
        std::unique_ptr<char[]> bigger(new char[size]);
        std::memcpy(bigger.get(), buffer_.get(), end_);
        buffer_ = std::move(bigger);
        buffer_size_ = size;
        data_ = buffer_.get();
    }
    for (;;) {
        const ssize_t n = ::read(fd_, buffer_.get() + end_, buffer_size_ - end_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            io_failed_ = true;
            add_error(line_, column_at(pos_), std::string("cannot read: ") + std::strerror(errno));
        }
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        end_ += static_cast<std::size_t>(n);
        return true;
    }
}

CsvReader::Window CsvReader::refill(const char* at, std::vector<CsvRow::Cell>& cells,
                                    std::size_t done) {
    pos_ = static_cast<std::size_t>(at - data_);
    const char* old = data_ + record_;
    for (std::size_t i = 0; i < done; ++i) // the fields read so far, as offsets meanwhile
        if (!cells[i].copied) cells[i].at = static_cast<std::size_t>(cells[i].value.data() - old);
    more();
    const Window w{data_ + pos_, data_ + end_, data_ + record_};
    for (std::size_t i = 0; i < done; ++i)
        if (!cells[i].copied)
            cells[i].value = std::string_view(w.rec + cells[i].at, cells[i].value.size());
    return w;
}

int CsvReader::column_at(std::size_t pos) {
    if (pos > mark_) {
        mark_column_ += chars(data_ + mark_, data_ + pos);
        mark_ = pos;
    }
    return mark_column_;
}

void CsvReader::add_error(int line, int column, std::string message) {
    if (errors_.size() < kMaxErrors) errors_.push_back(CsvError{line, column, std::move(message)});
}

void CsvReader::view_copies(std::vector<CsvRow::Cell>& cells, std::size_t used) const {
    for (std::size_t i = 0; i < used; ++i)
        if (cells[i].copied)
            cells[i].value = std::string_view(scratch_.data() + cells[i].at, cells[i].length);
}

#if defined(__SSE2__) && defined(__SIZEOF_INT128__)
namespace {
__extension__ using Mask = unsigned __int128; // one bit per byte of a line of up to 128 bytes

// Bit i: whether an odd number of the bits 0..i of m are set. Over quote positions, that marks
// each quoted run from its opening quote up to (not including) its closing one.
Mask prefix_parity(Mask m) {
    auto run = [](std::uint64_t x) {
        for (unsigned k = 1; k < 64; k *= 2) x ^= x << k;
        return x;
    };
    const std::uint64_t low = run(static_cast<std::uint64_t>(m));
    std::uint64_t high = run(static_cast<std::uint64_t>(m >> 64));
    if (low >> 63) high = ~high;
    return static_cast<Mask>(high) << 64 | low;
}
Mask below(std::size_t n) { // bits [0, n), n < 128
    return (Mask{1} << n) - 1;
}
// The set bits of x, in a few instructions (the builtin is a library call on baseline x86-64,
// which has no popcnt instruction).
std::size_t bit_count(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}
} // namespace

// Most records of a large file are one line of fewer than 128 bytes of ASCII text without CR or
// NUL, whose quoted fields hold no line break. Such a record is read from bit masks of its
// delimiters and quotes (found 16 bytes at a time up to the line feed) instead of field by field:
// the quotes' running parity tells which delimiters are inside quotes; the record is simple when
// every opening quote starts a field and every closing quote ends one, apart from doubled quotes
// inside quotes (text after a closing quote, or a quote in an unquoted field, fails that); the
// fields lie between the other delimiters.
// Its fields and the reader's state end up exactly as the general scan below leaves them.
// Anything else, or fewer than 128 bytes left in the buffer, returns false before any change, and
// the general scan reads the record (and reports its problems).
bool CsvReader::next_simple(CsvRow& row) {
    if (!simple_ || end_ - pos_ < 128 || delimiter_ == '"' || delimiter_ == '\n' ||
        delimiter_ == '\r')
        return false;
    const char* s = data_ + pos_;
    const __m128i delimiter = _mm_set1_epi8(delimiter_), quote = _mm_set1_epi8('"'),
                  lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), nul = _mm_setzero_si128();
    std::uint64_t delimiters_at[2] = {0, 0}, quotes_at[2] = {0, 0};
    unsigned odd = 0;    // CR, NUL or non-ASCII bytes seen
    std::size_t n = 128; // the line feed ending the record
    for (std::size_t i = 0; i < 8; ++i) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 16 * i));
        const auto bits = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
        const unsigned lfs = bits(_mm_cmpeq_epi8(x, lf));
        unsigned here =
            bits(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, nul)), x));
        unsigned d = bits(_mm_cmpeq_epi8(x, delimiter)), q = bits(_mm_cmpeq_epi8(x, quote));
        if (lfs) {
            const unsigned k = static_cast<unsigned>(__builtin_ctz(lfs));
            const unsigned before = (1u << k) - 1;
            here &= before;
            d &= before;
            q &= before;
            n = 16 * i + k;
        }
        odd |= here;
        const unsigned shift = 16 * (i & 3);
        delimiters_at[i >> 2] |= std::uint64_t{d} << shift;
        quotes_at[i >> 2] |= std::uint64_t{q} << shift;
        if (lfs) break;
    }
    if (n == 128 || odd) return false;
    const Mask delimiters = static_cast<Mask>(delimiters_at[1]) << 64 | delimiters_at[0];
    const Mask quotes = static_cast<Mask>(quotes_at[1]) << 64 | quotes_at[0];
    const Mask inside = prefix_parity(quotes);
    if (inside >> 127 != 0) return false; // an odd number of quotes: a field runs past the line
    const Mask separators = delimiters & ~inside;
    const Mask ends = separators | Mask{1} << n;
    const Mask starts = separators << 1 | 1;
    // by parity, a doubled quote inside quotes closes and at once reopens the quoted run
    const Mask opening = quotes & inside, closing = quotes & ~inside;
    const Mask doubled = closing & opening >> 1; // the first quote of each doubled quote
    if ((opening & ~(doubled << 1) & ~starts) != 0) return false; // a quote in an unquoted field
    if (((closing & ~doubled) << 1 & ~ends) != 0) return false;   // text after a closing quote
    bool copies = false;
    auto& cells = row.cells_;
    std::size_t used = 0, start = 0;
    const std::uint64_t words[2] = {static_cast<std::uint64_t>(ends),
                                    static_cast<std::uint64_t>(ends >> 64)};
    const std::size_t fields = bit_count(words[0]) + bit_count(words[1]);
    if (cells.size() < fields) cells.resize(fields);
    for (std::size_t w = 0; w < 2; ++w)
        for (std::uint64_t left = words[w]; left != 0; left &= left - 1) {
            const std::size_t end = 64 * w + static_cast<std::size_t>(__builtin_ctzll(left));
            CsvRow::Cell& cell = cells[used++];
            cell.start = start;
            cell.copied = false;
            cell.dropped = false;
            cell.value = s[start] == '"' ? std::string_view(s + start + 1, end - start - 2)
                                         : std::string_view(s + start, end - start);
            const Mask pairs =
                doubled != 0 && s[start] == '"' ? doubled & below(end) & ~below(start) : Mask{0};
            if (pairs != 0) { // one quote of each doubled quote is kept, in the scratch text
                if (!copies) scratch_.clear();
                copies = cell.copied = true;
                cell.at = scratch_.size();
                std::size_t from = start + 1; // the text not yet copied
                const std::uint64_t halves[2] = {static_cast<std::uint64_t>(pairs),
                                                 static_cast<std::uint64_t>(pairs >> 64)};
                for (std::size_t h = 0; h < 2; ++h)
                    for (std::uint64_t left = halves[h]; left != 0; left &= left - 1) {
                        const std::size_t q =
                            64 * h + static_cast<std::size_t>(__builtin_ctzll(left));
                        scratch_.append(s + from, q + 1 - from); // up to one of the two quotes
                        from = q + 2;
                    }
                scratch_.append(s + from, end - 1 - from);
                cell.length = scratch_.size() - cell.at;
            }
            start = end + 1;
        }
    if (copies) view_copies(cells, used);
    row.count_ = used;
    row.base_ = s;
    row.raw_size_ = n + 1;
    row.ascii_ = 1;
    pos_ += n + 1;
    newline();
    in_record_ = false;
    return true;
}
#else
bool CsvReader::next_simple(CsvRow&) {
    return false;
}
#endif

bool CsvReader::next(CsvRow& row) {
    if (!started_) {
        started_ = true;
        // a UTF-8 byte order mark at the very start is not data; anything else that begins with
        // 0xEF is (so make sure three bytes are at hand before looking)
        while (fd_ >= 0 && !eof_ && end_ - pos_ < 3 && end_ < buffer_size_) {
            const ssize_t n = ::read(fd_, buffer_.get() + end_, buffer_size_ - end_);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break; // the next read reports errors and the end
            end_ += static_cast<std::size_t>(n);
        }
        if (end_ - pos_ >= 3 && static_cast<unsigned char>(data_[pos_]) == 0xEF &&
            static_cast<unsigned char>(data_[pos_ + 1]) == 0xBB &&
            static_cast<unsigned char>(data_[pos_ + 2]) == 0xBF) {
            pos_ += 3;
            mark_ = pos_; // still column 1
        }
    }
    in_record_ = false;
    // skip blank lines (LF or CRLF only)
    for (;;) {
        if (at_end()) {
            row.count_ = 0;
            row.raw_size_ = 0;
            row.breaks_.clear();
            return false;
        }
        const char c = data_[pos_];
        if (c == '\n') {
            ++pos_;
            newline();
        } else if (c == '\r') {
            ++pos_;
            if (!at_end() && data_[pos_] == '\n') {
                ++pos_;
                newline();
            }
        } else {
            break;
        }
    }
    in_record_ = true;
    record_ = pos_;
    row.line_ = line_;
    row.column_ = column_at(pos_);
    row.breaks_.clear();
    if (next_simple(row)) return true;
    row.ascii_ = -1;
    scratch_.clear();

    // The scan works on a local window of the buffer, passed by value so that it stays in
    // registers (see Window); refill() may move the record, and the fields read so far with it.
    const Stops stops(delimiter_, class_, quoted_class_);
    const char delimiter = delimiter_;
    auto& cells = row.cells_;
    std::size_t used = 0;                // cells begun
    std::size_t done = 0;                // cells whose value is set
    std::size_t capacity = cells.size(); // cells that exist
    Window w{data_ + pos_, data_ + end_, data_ + pos_};
    auto offset = [&w] { return static_cast<std::size_t>(w.p - w.rec); };
    bool unclosed = false, copies = false;
    for (;;) {
        if (used == capacity) {
            cells.emplace_back();
            capacity = cells.size();
        }
        CsvRow::Cell& cell = cells[used++];
        cell.start = offset();
        cell.copied = false;
        cell.dropped = false;
        if (w.p == w.end) w = refill(w.p, cells, done);
        if (w.p == w.end) { // an empty last field
            cell.value = {};
            ++done;
            break;
        }
        if (*w.p == '"') {
            ++w.p;
            std::size_t from = offset(); // the text not yet copied (when copying)
            bool closed = false;
            for (;;) {
                w.p = stops.quoted(w.p, w.end);
                if (w.p == w.end) {
                    w = refill(w.p, cells, done);
                    if (w.p == w.end) break;
                    continue;
                }
                if (*w.p++ == '\n') {
                    ++line_;
                    mark_ = static_cast<std::size_t>(w.p - data_);
                    mark_column_ = 1;
                    row.breaks_.push_back(offset());
                    continue;
                }
                if (w.p == w.end) w = refill(w.p, cells, done);
                if (w.p != w.end && *w.p == '"') { // "" inside quotes: one quote is kept
                    if (!cell.copied) {
                        cell.copied = copies = true;
                        cell.at = scratch_.size();
                    }
                    scratch_.append(w.rec + from, offset() - from);
                    from = offset() + 1;
                    ++w.p;
                    continue;
                }
                closed = true;
                break;
            }
            const std::size_t to = offset() - (closed ? 1 : 0); // before the closing quote
            if (cell.copied) {
                scratch_.append(w.rec + from, to - from);
                cell.length = scratch_.size() - cell.at;
            } else {
                cell.value = std::string_view(w.rec + from, to - from);
            }
            ++done;
            if (!closed) {
                const auto [line, column] = row.position(cell.start, w.rec);
                add_error(line, column, "a quoted field is never closed (missing \")");
                unclosed = true;
                break; // the rest of the input was the value
            }
            // after the closing quote only a delimiter or the end of the record may follow
            if (w.p == w.end) w = refill(w.p, cells, done);
            if (w.p != w.end) {
                char c = *w.p;
                if (c != delimiter && c != '\n' && c != '\r') {
                    add_error(line_, column_at(static_cast<std::size_t>(w.p - data_)),
                              "unexpected text after a closing quote; expected a delimiter or "
                              "the end of the line");
                    if (!cell.copied) {
                        cell.copied = copies = true;
                        cell.at = scratch_.size();
                        scratch_.append(w.rec + from, to - from);
                    }
                    for (;;) {
                        scratch_ += c;
                        if (++w.p == w.end) w = refill(w.p, cells, done);
                        if (w.p == w.end || (c = *w.p) == delimiter || c == '\n' || c == '\r')
                            break;
                    }
                    cell.length = scratch_.size() - cell.at;
                }
            }
        } else {
            const std::size_t from = offset();
            for (;;) {
                w.p = stops.plain(w.p, w.end);
                if (w.p == w.end) {
                    w = refill(w.p, cells, done);
                    if (w.p == w.end) break;
                    continue;
                }
                if (*w.p != '"') break;
                add_error(
                    line_, column_at(static_cast<std::size_t>(w.p - data_)),
                    "a quote inside an unquoted field; quote the whole field and double the quote");
                ++w.p;
            }
            cell.value = std::string_view(w.rec + from, offset() - from);
            ++done;
        }
        if (w.p == w.end) {
            w = refill(w.p, cells, done);
            if (w.p == w.end) break;
        }
        const char c = *w.p;
        if (c == delimiter) {
            ++w.p;
            continue;
        }
        if (c == '\r') {
            if (++w.p == w.end) w = refill(w.p, cells, done);
            if (w.p != w.end && *w.p == '\n') {
                ++w.p;
                ++line_;
                mark_ = static_cast<std::size_t>(w.p - data_);
                mark_column_ = 1;
            }
        } else if (c == '\n') {
            ++w.p;
            ++line_;
            mark_ = static_cast<std::size_t>(w.p - data_);
            mark_column_ = 1;
        }
        break;
    }
    pos_ = static_cast<std::size_t>(w.p - data_);
    in_record_ = false;

    // the record is complete in the buffer; unescaped values are in the scratch text
    row.count_ = used;
    row.base_ = w.rec;
    row.raw_size_ = offset();
    if (copies) view_copies(cells, used);
    if (!unclosed && row.raw_size_ > kMaxField) {
        std::vector<int> columns;
        for (std::size_t i = 0; i < used; ++i) {
            CsvRow::Cell& cell = cells[i];
            if (cell.value.size() <= kMaxField) continue;
            if (columns.empty()) row.columns(columns);
            add_error(row.line(i), columns[i],
                      "a field of " + std::to_string(cell.value.size()) + " bytes; at most " +
                          std::to_string(kMaxField) + " are accepted");
            cell.value = {};
            cell.dropped = true;
        }
    }
    return true;
}

bool CsvReader::next(CsvRecord& rec) {
    if (!next(row_)) {
        rec.fields.clear();
        return false;
    }
    rec.line = row_.line();
    rec.fields.resize(row_.size());
    std::vector<int> columns;
    row_.columns(columns);
    std::size_t b = 0; // line breaks before the field
    for (std::size_t i = 0; i < row_.size(); ++i) {
        const CsvRow::Cell& cell = row_.cells_[i];
        while (b < row_.breaks_.size() && row_.breaks_[b] <= cell.start) ++b;
        CsvField& f = rec.fields[i];
        f.value.assign(cell.value);
        f.line = row_.line() + static_cast<int>(b);
        f.column = columns[i];
        f.dropped = cell.dropped;
    }
    return true;
}

} // namespace recert
