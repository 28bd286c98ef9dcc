// Raw serial-port setup through termios (see serial_port.h).
#include "greentwin_serial/serial_port.h"

#include <fcntl.h>
#include <termios.h>

#include <cerrno>
#include <cstring>

namespace gt::serial {
namespace {

speed_t baudConstant(int baud) {
  switch (baud) {
    case 1200:
      return B1200;
    case 2400:
      return B2400;
    case 4800:
      return B4800;
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    default:
      return B115200;  // the site file allows only the standard rates
  }
}

}  // namespace

OpenedPort openSerialPort(const SerialSettings& s) {
  OpenedPort out;
  ScopedFd fd(::open(s.device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    const int err = errno;
    out.error = "cannot open serial port " + s.device + ": " + std::strerror(err) +
                (err == EACCES ? " (is the daemon's user in the dialout group?)" : "");
    return out;
  }
  termios tio{};
  if (tcgetattr(fd.get(), &tio) != 0) {
    out.error = "cannot configure serial port " + s.device + ": " + std::strerror(errno);
    return out;
  }
  cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB);
  tio.c_cflag |= s.data_bits == 7 ? CS7 : CS8;
  if (s.parity != 'N') tio.c_cflag |= PARENB;
  if (s.parity == 'O') tio.c_cflag |= PARODD;
  if (s.stop_bits == 2) tio.c_cflag |= CSTOPB;
  cfsetispeed(&tio, baudConstant(s.baud));
  cfsetospeed(&tio, baudConstant(s.baud));
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  if (tcsetattr(fd.get(), TCSANOW, &tio) != 0) {
    out.error = "cannot configure serial port " + s.device + " for " + std::to_string(s.baud) +
                " baud: " + std::strerror(errno);
    return out;
  }
  tcflush(fd.get(), TCIOFLUSH);
  out.fd = std::move(fd);
  return out;
}

}  // namespace gt::serial
