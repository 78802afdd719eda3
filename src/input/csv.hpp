// A streaming RFC 4180 reader: quoted fields, "" escapes, newlines inside quotes, CRLF or LF, a
// UTF-8 BOM, a last line without newline, blank lines skipped. Memory holds one record at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recert {

struct CsvField {
    std::string value;
    int line = 0;         // physical line where the field starts (1-based)
    int column = 0;       // column where the field starts, in characters (1-based)
    bool dropped = false; // too long to keep: reported as an error, value emptied
};

// A record whose fields own their text: kept as long as needed.
struct CsvRecord {
    std::vector<CsvField> fields;
    int line = 0; // physical line where the record starts
    std::size_t size() const { return fields.size(); }
    const std::string& operator[](std::size_t i) const { return fields[i].value; }
};

// A record as views into the reader's buffer, without copying: valid until the reader's next
// call. A field's line and column are worked out only when asked for (error messages need them,
// rows do not).
class CsvRow {
  public:
    std::size_t size() const { return count_; }
    std::string_view operator[](std::size_t i) const { return cells_[i].value; }
    int line() const { return line_; } // physical line where the record starts
    // Line and column (in characters, 1-based) where field i starts: its opening quote if quoted.
    int line(std::size_t i) const { return position(cells_[i].start).first; }
    int column(std::size_t i) const { return position(cells_[i].start).second; }
    // The columns of all fields (in time linear in the record's size).
    void columns(std::vector<int>& out) const;
    // Too long to keep: reported as an error, value emptied.
    bool dropped(std::size_t i) const { return cells_[i].dropped; }
    // Whether every byte of the record is ASCII other than NUL (so every field is valid text).
    bool ascii() const;

  private:
    friend class CsvReader;
    struct Cell {
        std::string_view value;
        std::size_t start = 0; // the field's first byte, from the record's start
        bool copied = false;   // unescaped: while reading, the value is in the reader's scratch
        bool dropped = false;  // text, at `at`
        std::size_t at = 0, length = 0;
    };
    // line and column of the byte `offset` bytes into the record at `base`
    std::pair<int, int> position(std::size_t offset, const char* base) const;
    std::pair<int, int> position(std::size_t offset) const { return position(offset, base_); }

    std::vector<Cell> cells_;
    std::size_t count_ = 0;
    int line_ = 0;
    int column_ = 1;                  // of the record's first byte
    std::vector<std::size_t> breaks_; // offsets just after line feeds inside the record
    const char* base_ = nullptr;      // the record's raw bytes in the reader's buffer
    std::size_t raw_size_ = 0;
    signed char ascii_ = -1; // ascii() when the reader already knows it (1 or 0), else -1
};

struct CsvError {
    int line = 0;
    int column = 0;
    std::string message;
};

class CsvReader {
  public:
    // Reads from a file descriptor (not closed by the reader). `already_read`: bytes taken from
    // the descriptor before (at most 64 KiB), read first.
    explicit CsvReader(int fd, char delimiter = ',', std::string_view already_read = {});
    // Reads from text in memory (the text must outlive the reader).
    explicit CsvReader(std::string_view text, char delimiter = ',');

    // The next record; false at the end of input. A malformed record is still returned, with its
    // problems added to errors() (reading goes on so that every problem can be reported).
    bool next(CsvRecord& record);
    // The same as views into the reader's buffer, valid until the next call (no copies).
    bool next(CsvRow& row);

    // The input continues a file from a record boundary: no byte order mark is looked for.
    void continue_record_stream() { started_ = true; }
    // Every record through the general field-by-field scan, none through the whole-line one (for
    // tests and fuzzing, which hold the two to the same results).
    void general_scan_only() { simple_ = false; }

    const std::vector<CsvError>& errors() const { return errors_; }
    // Bytes taken from the input so far (for progress reports).
    std::size_t bytes_read() const { return buffer_offset_ + pos_; }
    // Bytes that could not be read (an I/O error), reported once as an error too.
    bool io_failed() const { return io_failed_; }

  private:
    // Makes more bytes available at end_ (false at the end of the input). Inside a record the
    // bytes from the record's start are kept (moved to the front of the buffer, which grows when
    // the record does not fit), so that the record's fields stay views into one piece of memory.
    bool more();
    bool at_end() { return pos_ >= end_ && !more(); }
    // The part of the buffer a record is scanned in: the next byte, the end of the bytes read, the
    // record's start. next() keeps it in locals (the compiler cannot keep members in registers
    // across the stores into the row).
    struct Window {
        const char* p;
        const char* end;
        const char* rec;
    };
    // more() for a scan at `at`, moving the `done` fields read so far along with the record.
    Window refill(const char* at, std::vector<CsvRow::Cell>& cells, std::size_t done);
    // The usual record read at once: see next(CsvRow&). False (nothing changed) when it is not one.
    bool next_simple(CsvRow& row);
    // Once a record is read: its first `used` cells that were unescaped into the scratch text
    // become views of it (the scratch text no longer moves).
    void view_copies(std::vector<CsvRow::Cell>& cells, std::size_t used) const;
    void newline() { // after a line feed at pos_ - 1
        ++line_;
        mark_ = pos_;
        mark_column_ = 1;
    }
    // The column of the byte at `pos` (not before the last position asked for on this line).
    int column_at(std::size_t pos);
    void add_error(int line, int column, std::string message);
    void init_classes();

    int fd_ = -1;
    std::unique_ptr<char[]> buffer_;
    const char* data_ = ""; // the buffer, or the text in memory
    std::size_t buffer_size_ = 0;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    std::size_t buffer_offset_ = 0; // input offset of data_[0]
    std::size_t record_ = 0;        // start of the record being read
    bool in_record_ = false;
    bool eof_ = false;
    bool io_failed_ = false;
    bool started_ = false;
    bool simple_ = true; // next_simple() may be tried
    char delimiter_;
    int line_ = 1;
    // the column of data_[mark_] (on the current line): columns are counted from there on demand
    std::size_t mark_ = 0;
    int mark_column_ = 1;
    std::string scratch_; // unescaped values of the current record
    CsvRow row_;          // for next(CsvRecord&)
    std::vector<CsvError> errors_;
    std::array<std::uint8_t, 256> class_{};        // byte classes of the unquoted scan
    std::array<std::uint8_t, 256> quoted_class_{}; // and inside quotes
};

} // namespace recert
