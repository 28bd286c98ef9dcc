// The advisory writer lock of a reading database (see writer_lock.h).
#include "writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <cstring>

#include "store_error.h"

namespace gt::ingest {

WriterLock WriterLock::take(const std::filesystem::path& database) {
  const std::string lock_file = database.string() + ".writer-lock";
  ScopedFd fd(::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    throw StoreError("cannot create the writer lock " + lock_file + " of database " +
                     database.string() + ": " + std::strerror(errno));
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      throw StoreError("database " + database.string() +
                       " is being written by another process (a running greentwin-ingest, or "
                       "greentwin-entry --direct): only one writer at a time");
    }
    throw StoreError("cannot lock " + lock_file + ": " + std::strerror(errno));
  }
  return WriterLock(std::move(fd));
}

}  // namespace gt::ingest
