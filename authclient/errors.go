package authclient

// Kind names the cause of a failure; the UI and the command line branch on it.
type Kind int

const (
	KindUnknown         Kind = iota
	KindInvalidToken         // 401
	KindStackAccess          // 403: stack missing or token may not use it
	KindProjectNotFound      // 404 on a project
	KindRateLimited          // 429 after retries
	KindServer               // 5xx after retries
	KindUnexpectedReply      // not JSON, wrong shape, missing fields, HTML from a proxy
	KindDNS                  // host name does not resolve
	KindConnRefused          // nothing listens
	KindTLS                  // certificate or handshake failure
	KindTimeout              // no reply in time
	KindCancelled            // the caller cancelled
	KindNetwork              // any other transport failure (reset, redirect refused, ...)
)

// Error is every failure this package returns.
//
//	Error()  one sentence: what happened (safe to print: no token, server text sanitised)
//	Hint()   what to do next
//	Unwrap() the underlying error, if any
//	Is(target) matches another *Error of the same Kind, so errors.Is(err, ErrInvalidToken) works.
type Error struct {
	Kind          Kind
	Status        int    // HTTP status, 0 when no reply
	ServerMessage string // error.message from the server, sanitised and capped
	Host          string // the API host or stack involved, for the message
	Err           error
}

// Sentinels for errors.Is.
var (
	ErrInvalidToken    = &Error{Kind: KindInvalidToken}
	ErrStackAccess     = &Error{Kind: KindStackAccess}
	ErrProjectNotFound = &Error{Kind: KindProjectNotFound}
	ErrRateLimited     = &Error{Kind: KindRateLimited}
	ErrServer          = &Error{Kind: KindServer}
	ErrUnexpectedReply = &Error{Kind: KindUnexpectedReply}
	ErrDNS             = &Error{Kind: KindDNS}
	ErrConnRefused     = &Error{Kind: KindConnRefused}
	ErrTLS             = &Error{Kind: KindTLS}
	ErrTimeout         = &Error{Kind: KindTimeout}
	ErrCancelled       = &Error{Kind: KindCancelled}
	ErrNetwork         = &Error{Kind: KindNetwork}
)
