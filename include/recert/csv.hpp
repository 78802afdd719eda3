// A streaming RFC 4180 reader: quoted fields, "" escapes, newlines inside quotes, CRLF or LF, a
// UTF-8 BOM, a last line without newline, blank lines skipped. Memory holds one record at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

struct CsvField {
    std::string value;
    int line = 0;         // physical line where the field starts (1-based)
    int column = 0;       // column where the field starts, in characters (1-based)
    bool dropped = false; // too long to keep: reported as an error, value emptied
};

struct CsvRecord {
    std::vector<CsvField> fields;
    int line = 0; // physical line where the record starts
    std::size_t size() const { return fields.size(); }
    const std::string& operator[](std::size_t i) const { return fields[i].value; }
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

    // The input continues a file from a record boundary: no byte order mark is looked for.
    void continue_record_stream() { started_ = true; }

    const std::vector<CsvError>& errors() const { return errors_; }
    // Bytes taken from the input so far (for progress reports).
    std::size_t bytes_read() const { return fd_ < 0 ? pos_ : bytes_before_ + pos_; }
    // Bytes that could not be read (an I/O error), reported once as an error too.
    bool io_failed() const { return io_failed_; }

  private:
    // the next byte (-1 at the end), and the same consumed; inline: they run for every byte
    int peek() {
        if (pos_ >= end_ && (fd_ < 0 || !fill())) return -1;
        return static_cast<unsigned char>(fd_ < 0 ? text_[pos_] : buffer_[pos_]);
    }
    int get() {
        const int c = peek();
        if (c < 0) return c;
        ++pos_;
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
        return c;
    }
    bool fill();
    void add_error(int line, int column, std::string message);
    void init_classes();
    // Appends the bytes up to the next stop byte of `classes` (delimiter, quote, CR or LF outside
    // quotes; quote or LF inside) to `out`, counting its characters; returns the stop byte, which
    // is not taken, or -1 at the end of the buffer.
    int copy_run(const std::array<std::uint8_t, 256>& classes, std::string& out);

    int fd_ = -1;
    std::string_view text_;
    std::unique_ptr<char[]> buffer_;
    std::size_t buffer_size_ = 0;
    std::size_t pos_ = 0;
    std::size_t bytes_before_ = 0; // bytes of earlier buffer fills
    std::size_t end_ = 0;
    bool eof_ = false;
    bool io_failed_ = false;
    bool started_ = false;
    char delimiter_;
    int line_ = 1;
    int column_ = 1;
    std::vector<CsvError> errors_;
    std::array<std::uint8_t, 256> class_{};        // byte classes of the unquoted scan
    std::array<std::uint8_t, 256> quoted_class_{}; // and inside quotes
};

} // namespace recert
