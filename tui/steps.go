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

	// The home screen and what it leads to (New, with saved accounts).
	stepHome
	stepAccount      // review the active login
	stepAccountError // validating it again failed
	stepSwitch       // pick an account
	stepSwitching    // checking it, then writing it to k6's config
	stepSwitchError  // refused, unreachable, or not written
	stepSwitched     // k6 now uses it
	stepReset        // sign out, forget one, forget all
	stepForgetPick   // which account to forget
	stepConfirm      // what will be removed; nothing happens without Enter on "yes"
	stepResetDone    // what was removed, and where to go next
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
	case stepHome:
		return "home"
	case stepAccount:
		return "account"
	case stepAccountError:
		return "account-error"
	case stepSwitch:
		return "switch"
	case stepSwitching:
		return "switching"
	case stepSwitchError:
		return "switch-error"
	case stepSwitched:
		return "switched"
	case stepReset:
		return "reset"
	case stepForgetPick:
		return "forget-pick"
	case stepConfirm:
		return "confirm"
	case stepResetDone:
		return "reset-done"
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

// screenTitle names the screens outside the numbered wizard, for the header.
func (s step) screenTitle() string {
	switch s {
	case stepAccount, stepAccountError:
		return "Review"
	case stepSwitch, stepSwitching, stepSwitchError, stepSwitched:
		return "Switch account"
	case stepReset, stepForgetPick, stepConfirm, stepResetDone:
		return "Reset / sign out"
	}
	return ""
}
