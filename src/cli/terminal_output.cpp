// See terminal_output.hpp.
#include "terminal_output.hpp"

#include "render/terminal_safe.hpp"

#include <unistd.h>

#include <array>
#include <iostream>
#include <streambuf>
#include <string>

namespace recert::cli {

namespace {

// A buffer in front of a stream's own: what is written is filtered on its way there.
class FilteredBuf : public std::streambuf {
  public:
    explicit FilteredBuf(std::streambuf* next) : next_(next) {
        setp(buf_.data(), buf_.data() + buf_.size());
    }

  protected:
    int_type overflow(int_type c) override {
        if (!pass_on()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return pass_on() && next_->pubsync() == 0 ? 0 : -1; }

  private:
    bool pass_on() {
        out_.clear();
        filter_.filter(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())), out_);
        setp(buf_.data(), buf_.data() + buf_.size());
        const auto n = static_cast<std::streamsize>(out_.size());
        return next_->sputn(out_.data(), n) == n;
    }

    std::streambuf* next_;
    TerminalFilter filter_;
    std::array<char, 4096> buf_{};
    std::string out_;
};

void guard(std::ostream& stream, int fd) {
    if (!::isatty(fd)) return;
    // never freed: the streams are flushed at exit, after static objects are gone
    stream.rdbuf(new FilteredBuf(stream.rdbuf())); // NOLINT(cppcoreguidelines-owning-memory)
}

} // namespace

void guard_terminal_output() {
    guard(std::cout, STDOUT_FILENO);
    guard(std::cerr, STDERR_FILENO);
}

} // namespace recert::cli
