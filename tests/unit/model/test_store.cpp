// Files: atomic replacement with a backup, exclusive creation, reading, and the advisory lock
// (docs/formats.md "Ledger file": written atomically; docs/semantics.md §9: errors change no file).
#include "model/store.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace recert;
namespace fs = std::filesystem;

namespace {

// A fresh directory under /tmp, removed with everything in it at the end of the test.
struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/recert-store-test-XXXXXX";
        const char* p = ::mkdtemp(tmpl);
        if (!p) throw std::runtime_error("mkdtemp failed");
        path = p;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string operator/(const std::string& name) const { return path + "/" + name; }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spit(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

mode_t mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

bool is_symlink(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

std::size_t entries(const std::string& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

} // namespace

TEST_CASE("write_file_atomic creates a new file with mode 0600 and no backup", "[store]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    CHECK(write_file_atomic(f, "{}\n") == "");
    CHECK(slurp(f) == "{}\n");
    CHECK(mode_of(f) == 0600);
    CHECK_FALSE(fs::exists(f + ".bak"));
    CHECK(entries(dir.path) == 1); // no temporary file left behind
}

TEST_CASE("write_file_atomic replaces the content and keeps the previous version as .bak",
          "[store]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    REQUIRE(write_file_atomic(f, "first") == "");
    REQUIRE(write_file_atomic(f, "second") == "");
    CHECK(slurp(f) == "second");
    CHECK(slurp(f + ".bak") == "first");
    REQUIRE(write_file_atomic(f, "third, longer than before") == "");
    CHECK(slurp(f) == "third, longer than before");
    CHECK(slurp(f + ".bak") == "second");
    CHECK(entries(dir.path) == 2);
}

TEST_CASE("write_file_atomic keeps the replaced file's mode, and makes its backup 0600",
          "[store]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    spit(f, "old");
    REQUIRE(::chmod(f.c_str(), 0640) == 0);
    REQUIRE(write_file_atomic(f, "new") == "");
    CHECK(mode_of(f) == 0640);
    CHECK(mode_of(f + ".bak") == 0600);
    CHECK(slurp(f) == "new");
}

TEST_CASE("write_file_atomic without backup keeps no .bak", "[store]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    REQUIRE(write_file_atomic(f, "first") == "");
    REQUIRE(write_file_atomic(f, "second", false) == "");
    CHECK(slurp(f) == "second");
    CHECK_FALSE(fs::exists(f + ".bak"));
}

TEST_CASE("write_file_atomic writes through a symbolic link to its target; the link stays a link",
          "[store]") {
    TempDir dir;
    fs::create_directory(dir / "data");
    const std::string target = dir / "data/ledger.json";
    const std::string link = dir / "ledger.json";
    spit(target, "old");
    REQUIRE(::symlink("data/ledger.json", link.c_str()) == 0); // relative link

    REQUIRE(write_file_atomic(link, "new") == "");
    CHECK(is_symlink(link));
    CHECK(fs::read_symlink(link) == "data/ledger.json");
    CHECK(slurp(target) == "new");
    CHECK(slurp(link) == "new");
    CHECK(slurp(target + ".bak") == "old"); // the backup sits next to the target
    CHECK_FALSE(fs::exists(link + ".bak"));
}

TEST_CASE("write_file_atomic onto a directory is an error naming the path", "[store]") {
    TempDir dir;
    const std::string sub = dir / "sub";
    fs::create_directory(sub);
    const std::string err = write_file_atomic(sub, "x");
    CHECK_THAT(err, Catch::Contains(sub));
    CHECK(fs::is_directory(sub));
    CHECK(entries(dir.path) == 1);
}

TEST_CASE("write_file_atomic into a missing directory returns an error and creates nothing",
          "[store]") {
    TempDir dir;
    const std::string f = dir / "missing/ledger.json";
    const std::string err = write_file_atomic(f, "x");
    CHECK_FALSE(err.empty());
    CHECK_THAT(err, Catch::Contains(f));
    CHECK_FALSE(fs::exists(dir / "missing"));
    CHECK(entries(dir.path) == 0);
}

TEST_CASE("create_file_exclusive creates a new file with mode 0600", "[store]") {
    TempDir dir;
    const std::string f = dir / "new.json";
    CHECK(create_file_exclusive(f, "hello") == "");
    CHECK(slurp(f) == "hello");
    CHECK(mode_of(f) == 0600);
}

TEST_CASE("create_file_exclusive refuses an existing file and leaves it unchanged", "[store]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    spit(f, "precious");
    const std::string err = create_file_exclusive(f, "overwritten");
    CHECK_THAT(err, Catch::Contains(f));
    CHECK_THAT(err, Catch::Contains("already exists"));
    CHECK(slurp(f) == "precious");
}

TEST_CASE("create_file_exclusive does not follow a symbolic link onto an existing file",
          "[store]") {
    TempDir dir;
    const std::string target = dir / "target";
    const std::string link = dir / "link";
    spit(target, "precious");
    REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
    CHECK_FALSE(create_file_exclusive(link, "x").empty());
    CHECK(slurp(target) == "precious");
}

TEST_CASE("read_file returns the whole file", "[store]") {
    TempDir dir;
    const std::string f = dir / "a.json";
    std::string big(200000, 'x');
    big += "end";
    spit(f, big);
    auto r = read_file(f);
    REQUIRE(r.text);
    CHECK(r.error.empty());
    CHECK(*r.text == big);
}

TEST_CASE("read_file of a missing file is an error naming the path", "[store]") {
    TempDir dir;
    const std::string f = dir / "nope.json";
    auto r = read_file(f);
    CHECK_FALSE(r.text);
    CHECK_THAT(r.error, Catch::Contains(f));
    CHECK_THAT(r.error, Catch::Contains("No such file"));
}

TEST_CASE("read_file of a directory is an error naming the path", "[store]") {
    TempDir dir;
    auto r = read_file(dir.path);
    CHECK_FALSE(r.text);
    CHECK_THAT(r.error, Catch::Contains(dir.path));
    CHECK_THAT(r.error, Catch::Contains("directory"));
}

TEST_CASE("A FileLock can be taken, excludes others while held, and is released", "[store][lock]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    REQUIRE(write_file_atomic(f, "{}", false).empty());
    {
        FileLock lock(f);
        CHECK(lock.error().empty());
        // another open file description cannot take the lock meanwhile
        const int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
        REQUIRE(fd >= 0);
        CHECK(::flock(fd, LOCK_EX | LOCK_NB) != 0);
        CHECK(errno == EWOULDBLOCK);
        ::close(fd);
    }
    const int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    CHECK(::flock(fd, LOCK_EX | LOCK_NB) == 0); // released with the object
    ::close(fd);
    FileLock again(f); // can be taken again
    CHECK(again.error().empty());
    CHECK_FALSE(fs::exists(f + ".lock")); // no lock file is left behind
}

TEST_CASE("A FileLock follows the file when a writer replaces it", "[store][lock]") {
    TempDir dir;
    const std::string f = dir / "ledger.json";
    REQUIRE(write_file_atomic(f, "old", false).empty());
    const int old_fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(::flock(old_fd, LOCK_EX) == 0);
    REQUIRE(write_file_atomic(f, "new", false).empty()); // path now names a new file
    FileLock lock(f);                                    // must not block on the old, replaced file
    CHECK(lock.error().empty());
    ::close(old_fd);
}

TEST_CASE("A FileLock in a missing directory reports an error", "[store][lock]") {
    TempDir dir;
    FileLock lock(dir / "missing/ledger.json");
    CHECK_THAT(lock.error(), Catch::Contains("missing/ledger.json"));
}
