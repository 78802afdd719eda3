#include "recert/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace recert {

namespace {
constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kMaxErrors = 10000; // enough to report; bounded memory on hostile input
constexpr std::size_t kMaxField = std::size_t{1024} * 1024; // longer fields are refused, not kept
} // namespace

void CsvReader::init_classes() {
    for (int c = 0; c < 256; ++c) class_[static_cast<std::size_t>(c)] = (c & 0xC0) == 0x80 ? 1 : 0;
    for (unsigned char c :
         {static_cast<unsigned char>(delimiter_), static_cast<unsigned char>('\n'),
          static_cast<unsigned char>('\r'), static_cast<unsigned char>('"')})
        class_[c] = 2;
    quoted_class_ = class_;
    quoted_class_[static_cast<unsigned char>(delimiter_)] = 0;
    quoted_class_[static_cast<unsigned char>('\r')] = 0;
    quoted_class_['\n'] = 2;
    quoted_class_['"'] = 2;
}

CsvReader::CsvReader(int fd, char delimiter, std::string_view already_read)
    : fd_(fd), buffer_(new char[std::max(kChunk, already_read.size())]),
      buffer_size_(std::max(kChunk, already_read.size())), delimiter_(delimiter) {
    init_classes();
    if (!already_read.empty()) // memcpy from a null pointer is undefined even for 0 bytes
        std::memcpy(buffer_.get(), already_read.data(), already_read.size());
    end_ = already_read.size();
}

CsvReader::CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
    init_classes();
    end_ = text.size();
    eof_ = true;
}

bool CsvReader::fill() {
    if (eof_) return false;
    for (;;) {
        const ssize_t n = ::read(fd_, buffer_.get(), buffer_size_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            io_failed_ = true;
            add_error(line_, column_, std::string("cannot read: ") + std::strerror(errno));
        }
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        bytes_before_ += end_;
        pos_ = 0;
        end_ = static_cast<std::size_t>(n);
        return true;
    }
}

void CsvReader::add_error(int line, int column, std::string message) {
    if (errors_.size() < kMaxErrors) errors_.push_back(CsvError{line, column, std::move(message)});
}

int CsvReader::copy_run(const std::array<std::uint8_t, 256>& classes, std::string& out) {
    // one pass: find the end of the run and count its characters (class 0 is a character, 1 a
    // UTF-8 continuation byte, 2 a stop)
    const char* data = fd_ < 0 ? text_.data() : buffer_.get();
    const char* b = data + pos_;
    const char* e = data + end_;
    const char* q = b;
    int chars = 0;
    for (; q < e; ++q) {
        const std::uint8_t k = classes[static_cast<unsigned char>(*q)];
        if (k == 2) break;
        chars += k == 0;
    }
    out.append(b, static_cast<std::size_t>(q - b));
    column_ += chars;
    pos_ = static_cast<std::size_t>(q - data);
    return q == e ? -1 : static_cast<unsigned char>(*q);
}

bool CsvReader::next(CsvRecord& rec) {
    if (!started_) {
        started_ = true;
        // a UTF-8 byte order mark at the very start is not data; anything else that begins with
        // 0xEF is (so make sure three bytes are at hand before looking)
        while (fd_ >= 0 && !eof_ && end_ - pos_ < 3 && end_ < buffer_size_) {
            const ssize_t n = ::read(fd_, buffer_.get() + end_, buffer_size_ - end_);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break; // the next peek() reports errors and the end
            end_ += static_cast<std::size_t>(n);
        }
        const char* data = fd_ < 0 ? text_.data() : buffer_.get();
        if (end_ - pos_ >= 3 && static_cast<unsigned char>(data[pos_]) == 0xEF &&
            static_cast<unsigned char>(data[pos_ + 1]) == 0xBB &&
            static_cast<unsigned char>(data[pos_ + 2]) == 0xBF)
            pos_ += 3;
    }
    // skip blank lines (LF or CRLF only)
    for (;;) {
        const int c = peek();
        if (c == '\n') {
            get();
        } else if (c == '\r') {
            get();
            if (peek() == '\n') get();
        } else {
            break;
        }
    }
    if (peek() < 0) {
        rec.fields.clear();
        return false;
    }
    rec.line = line_;
    std::size_t used = 0;
    for (;;) {
        if (used == rec.fields.size()) rec.fields.emplace_back();
        CsvField& field = rec.fields[used++];
        field.value.clear();
        field.dropped = false;
        field.line = line_;
        field.column = column_;
        int c = peek();
        if (c == '"') {
            get();
            bool closed = false;
            for (;;) {
                if (peek() < 0) break;
                if (copy_run(quoted_class_, field.value) < 0) continue; // refill
                c = get();
                if (c == '\n') {
                    field.value += '\n';
                } else if (peek() == '"') { // "" inside quotes
                    get();
                    field.value += '"';
                } else {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                add_error(field.line, field.column, "a quoted field is never closed (missing \")");
                rec.fields.resize(used);
                return true;
            }
            // after the closing quote only a delimiter or the end of the record may follow
            c = peek();
            if (c >= 0 && c != delimiter_ && c != '\n' && c != '\r') {
                add_error(line_, column_,
                          "unexpected text after a closing quote; expected a delimiter or the end "
                          "of the line");
                while ((c = peek()) >= 0 && c != delimiter_ && c != '\n' && c != '\r')
                    field.value += static_cast<char>(get());
            }
        } else {
            for (;;) {
                if (peek() < 0) break;
                const int stop = copy_run(class_, field.value);
                if (stop < 0) continue; // refill
                if (stop != '"') break;
                add_error(
                    line_, column_,
                    "a quote inside an unquoted field; quote the whole field and double the quote");
                field.value += static_cast<char>(get());
            }
        }
        c = peek();
        if (c == delimiter_) {
            get();
            continue;
        }
        if (c == '\r') {
            get();
            if (peek() == '\n') get();
        } else if (c == '\n') {
            get();
        }
        rec.fields.resize(used);
        for (auto& f : rec.fields)
            if (f.value.size() > kMaxField) {
                add_error(f.line, f.column,
                          "a field of " + std::to_string(f.value.size()) + " bytes; at most " +
                              std::to_string(kMaxField) + " are accepted");
                f.value.clear();
                f.value.shrink_to_fit();
                f.dropped = true;
            }
        return true;
    }
}

} // namespace recert
