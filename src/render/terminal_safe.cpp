// See terminal_safe.hpp.
#include "render/terminal_safe.hpp"

namespace recert {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD
// A colour sequence longer than this is not one of recert's ("ESC[38;5;208m" is 11 bytes)
constexpr std::size_t kLongestColour = 16;

bool is_c0(unsigned char c) {
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F;
}

} // namespace

void TerminalFilter::filter(std::string_view in, std::string& out) {
    out.reserve(out.size() + in.size());
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (!held_.empty()) {
            if (held_[0] == '\r') { // a line end CR LF (CSV) passes; a lone CR hides the line
                held_.clear();
                out += c == '\n' ? std::string_view("\r") : kReplacement;
            } else if (held_[0] == '\xC2') { // U+0080..U+009F are the C1 controls
                held_.clear();
                if (c >= 0x80 && c <= 0x9F) {
                    out += kReplacement;
                    continue;
                }
                out += '\xC2'; // another character, or a stray byte the terminal shows as one
            } else {
                // held_ is ESC, or ESC [ and parameters
                if (held_.size() == 1 ? c == '[' : ((c >= '0' && c <= '9') || c == ';')) {
                    held_ += ch;
                    if (held_.size() > kLongestColour) {
                        out += kReplacement;
                        out.append(held_, 1, std::string::npos);
                        held_.clear();
                    }
                    continue;
                }
                if (held_.size() > 1 && c == 'm') {
                    out += held_;
                    out += ch;
                    held_.clear();
                    continue;
                }
                // not a colour: the escape shown, what followed it printed as text
                out += kReplacement;
                out.append(held_, 1, std::string::npos);
                held_.clear();
            }
        }
        if (c == 0x1B || c == 0xC2 || c == '\r')
            held_ = ch;
        else if (is_c0(c))
            out += kReplacement;
        else
            out += ch;
    }
}

} // namespace recert
