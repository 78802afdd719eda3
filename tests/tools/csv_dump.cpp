// Test tool: reads a CSV file with CsvReader and prints its records as a JSON array of objects
// keyed by the header row. Reader errors go to stderr and the exit status is 1 (the records read
// are still printed, so that a test can show what came out); a row whose field count differs
// from the header's is an error too. Usage: csv_dump [-d DELIMITER] FILE ("-" for stdin).
#include "input/csv.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <unistd.h>

int main(int argc, char** argv) {
    char delimiter = ',';
    int i = 1;
    if (argc >= 3 && std::string(argv[1]) == "-d") {
        const std::string d = std::string(argv[2]) == "\\t" ? "\t" : argv[2];
        if (d.size() != 1) {
            std::cerr << "csv_dump: the delimiter must be one character\n";
            return 2;
        }
        delimiter = d[0];
        i = 3;
    }
    if (argc != i + 1) {
        std::cerr << "usage: csv_dump [-d DELIMITER] FILE\n";
        return 2;
    }
    const std::string path = argv[i];
    const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        std::cerr << "csv_dump: " << path << ": " << std::strerror(errno) << "\n";
        return 2;
    }
    recert::CsvReader reader(fd, delimiter);
    recert::CsvRecord rec;
    bool failed = false;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    if (reader.next(rec)) {
        const recert::CsvRecord header = rec;
        while (reader.next(rec)) {
            if (rec.size() != header.size()) {
                std::cerr << path << ":" << rec.line << ": " << rec.size()
                          << " fields, the header has " << header.size() << "\n";
                failed = true;
            }
            nlohmann::ordered_json row = nlohmann::ordered_json::object();
            for (std::size_t c = 0; c < rec.size(); ++c)
                row[c < header.size() ? header[c] : "_" + std::to_string(c + 1)] = rec[c];
            out.push_back(std::move(row));
        }
    }
    if (fd != 0) ::close(fd);
    for (const auto& e : reader.errors()) {
        std::cerr << path << ":" << e.line << ":" << e.column << ": " << e.message << "\n";
        failed = true;
    }
    try {
        std::cout << out.dump(2) << "\n";
    } catch (const nlohmann::json::exception& e) { // invalid UTF-8 in a value
        std::cerr << "csv_dump: " << e.what() << "\n";
        return 1;
    }
    return failed ? 1 : 0;
}
