//go:build windows

package errtext

import "syscall"

// Windows error numbers tally has words for (winerror.h).
const (
	errorFileNotFound      syscall.Errno = 2
	errorPathNotFound      syscall.Errno = 3
	errorTooManyOpenFiles  syscall.Errno = 4
	errorAccessDenied      syscall.Errno = 5
	errorWriteProtect      syscall.Errno = 19
	errorSharingViolation  syscall.Errno = 32
	errorLockViolation     syscall.Errno = 33
	errorHandleDiskFull    syscall.Errno = 39
	errorFileExists        syscall.Errno = 80
	errorDiskFull          syscall.Errno = 112
	errorAlreadyExists     syscall.Errno = 183
	errorFilenameExcedRang syscall.Errno = 206
	errorDirectory         syscall.Errno = 267
)

// errnoCause names the cause of a system error number, or "".
func errnoCause(e syscall.Errno) string {
	switch e {
	case errorFileNotFound, errorPathNotFound:
		return notExist
	case errorAccessDenied:
		return permission
	case errorDirectory:
		return notDir
	case errorDiskFull, errorHandleDiskFull:
		return noSpace
	case errorWriteProtect:
		return readOnly
	case errorSharingViolation, errorLockViolation:
		return busy
	case errorTooManyOpenFiles:
		return tooMany
	case errorFilenameExcedRang:
		return nameTooLong
	case errorFileExists, errorAlreadyExists:
		return exists
	}
	return ""
}
