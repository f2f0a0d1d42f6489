package tui

// step is where the wizard is; the order of the constants is the order of the flow.
type step int

const (
	stepWelcome step = iota
	stepStack
	stepToken
	stepValidating
	stepValidateError
	stepTokenMode
	stepProject
	stepReview
	stepSaved
)

func (s step) String() string {
	switch s {
	case stepWelcome:
		return "welcome"
	case stepStack:
		return "stack"
	case stepToken:
		return "token"
	case stepValidating:
		return "validating"
	case stepValidateError:
		return "validate-error"
	case stepTokenMode:
		return "token-mode"
	case stepProject:
		return "project"
	case stepReview:
		return "review"
	case stepSaved:
		return "saved"
	default:
		return "unknown"
	}
}

// numbered gives the "Step n of 5" position of a step the user fills in, or 0.
func (s step) numbered() (n int, title string) {
	switch s {
	case stepStack:
		return 1, "Stack"
	case stepToken, stepValidating, stepValidateError:
		return 2, "Token"
	case stepTokenMode:
		return 3, "Token type"
	case stepProject:
		return 4, "Project"
	case stepReview:
		return 5, "Review"
	}
	return 0, ""
}

const numberedSteps = 5
