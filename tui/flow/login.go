package flow

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Step is where the wizard is; the order of the constants is the order of the flow.
type Step int

const (
	Welcome       Step = iota
	Stack              // which stack
	Token              // the API token
	Validating         // the token is being checked against the stack
	ValidateError      // the check failed: see Login.Err and Login.Remedies
	TokenType          // personal or stack token
	Project            // which project cloud runs go to
	Review             // what will be written; nothing is before the user confirms
	Saved              // written
)

// NumberedSteps is how many steps the user fills in.
const NumberedSteps = 5

// Numbered gives the "Step n of 5" position of a step the user fills in, or 0.
func (s Step) Numbered() (n int, title string) {
	switch s {
	case Stack:
		return 1, "Stack"
	case Token, Validating, ValidateError:
		return 2, "Token"
	case TokenType:
		return 3, "Token type"
	case Project:
		return 4, "Project"
	case Review:
		return 5, "Review"
	}
	return 0, ""
}

// Question is what each step asks.
func (s Step) Question() string {
	switch s {
	case Stack:
		return "Which Grafana Cloud stack should k6 use? Type its slug (like my-team) or its URL."
	case TokenType:
		return "Which kind of token is it? It changes what is saved for k6."
	}
	return ""
}

// Modes are the answers to the TokenType question, in order.
var Modes = []configstore.TokenMode{configstore.TokenModePersonal, configstore.TokenModeStack}

// ModeLabel names a token mode and says what it is.
func ModeLabel(m configstore.TokenMode) (name, about string) {
	switch m {
	case configstore.TokenModePersonal:
		return "Personal token", "Acts as you; works on every stack you are in. k6 follows the stack's default project unless you pin one."
	case configstore.TokenModeStack:
		return "Stack token", "Belongs to this stack only; meant for CI. k6 needs a project ID with it, so one is always saved."
	}
	return "", ""
}

// ModeText names a token mode in a sentence ("personal token"); a mode a
// file holds but k6login does not know is shown as it is, made safe.
func ModeText(m configstore.TokenMode) string {
	switch m {
	case configstore.TokenModePersonal, configstore.TokenModeStack:
		return string(m) + " token"
	case configstore.TokenModeUnknown:
		return "not recorded"
	}
	return authclient.SafeText(string(m))
}

// Choice is the project the user picked. UseDefault leaves projectID out, so
// that k6 follows the stack's default project if it changes.
type Choice struct {
	Set        bool
	UseDefault bool
	ID         int64
	Name       string
}

// Login is the wizard's state: the answers so far and the replies they got.
// The zero value is a new wizard at its Welcome step.
type Login struct {
	Step     Step
	StackURL string // normalised
	Token    string // cleaned
	// RefusedTail is the end of the last token the API refused, to say which
	// one was refused while another is pasted.
	RefusedTail string
	Auth        authclient.AuthInfo
	Err         error // why the last check failed, at ValidateError
	Mode        configstore.TokenMode

	Projects       []authclient.Project
	ProjectsErr    error
	ProjectsLoaded bool

	Choice Choice
}

// Start leaves the Welcome step for the stack question. A stack already in
// k6's config is offered by the face as the field's starting text.
func (l *Login) Start() { l.Step = Stack }

// SetStack takes what was typed as the stack. The error, when the text is not
// a stack, says why and what a stack looks like.
func (l *Login) SetStack(typed string) error {
	url, err := authclient.NormalizeStack(typed)
	if err != nil {
		return StackError(err)
	}
	l.StackURL = url
	l.Step = Token
	return nil
}

// TokenInStack is said when what was typed as the stack looks like a token:
// it is never repeated, and may be kept as the token.
const TokenInStack = "This looks like an API token, not a stack, so it is not repeated."

// LooksLikeToken reports whether what was typed as the stack is an API token:
// a Grafana Cloud token prefix, or a long unbroken run of hex, or of base64
// with digits and capitals or symbols, and no dot. No stack slug (lower-case
// letters, digits, dashes) or URL (dots, "://") looks like that.
func LooksLikeToken(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "glc_") || strings.HasPrefix(s, "glsa_") {
		return true
	}
	if len(s) < 32 {
		return false
	}
	hex, digit, mixed := true, false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= 'a' && r <= 'f':
		case r >= 'g' && r <= 'z':
			hex = false
		case r >= 'A' && r <= 'Z', r == '+', r == '/', r == '=', r == '_':
			hex, mixed = false, true
		case r == '-':
			hex = false
		default:
			return false
		}
	}
	return hex || (digit && mixed)
}

// KeepToken takes a token typed one step early, at the Stack step: it is
// offered at the Token step once the stack is given. The error says why it
// cannot be a token, never quoting it.
func (l *Login) KeepToken(pasted string) error {
	tok, err := authclient.CleanToken(pasted)
	if err != nil {
		return errors.New(ErrText(err))
	}
	l.Token = tok
	return nil
}

// StackError makes NormalizeStack's error something to show.
func StackError(err error) error {
	var se *authclient.StackInputError
	if errors.As(err, &se) {
		return errors.New("Not a stack: " + authclient.SafeText(se.Reason) + ".")
	}
	return errors.New(ErrText(err))
}

// TokenQuestion asks for the token.
func (l *Login) TokenQuestion() string {
	return "Paste an API token for " + authclient.SafeText(l.StackURL) + "."
}

// TokenHelp says where a token is made.
func (l *Login) TokenHelp() string {
	return "Create one in Grafana Cloud at " + authclient.SafeText(l.StackURL) + ": Testing & synthetics → Performance → Settings → Access → Personal token (or Stack token, for CI; admins only)."
}

// RefusedNote reminds which token was refused, "" when none was.
func (l *Login) RefusedNote() string {
	if l.RefusedTail == "" {
		return ""
	}
	return "The token ending in …" + l.RefusedTail + " was refused; paste another one."
}

// SetToken takes what was pasted as the token; next the face checks it
// (Validating). The error says what is wrong with it, never quoting it.
func (l *Login) SetToken(pasted string) error {
	tok, err := authclient.CleanToken(pasted)
	if err != nil {
		return errors.New(ErrText(err))
	}
	l.Token = tok
	l.Step = Validating
	return nil
}

// Checking is what is said while the token is checked.
func (l *Login) Checking() string {
	return "Checking the token (" + DescribeToken(l.Token) + ") against " + authclient.SafeText(l.StackURL) + "…"
}

// Validated takes the API's reply to the check. On success the face starts
// loading the projects (they are needed at the Project step) and the
// previous project choice is forgotten.
func (l *Login) Validated(info authclient.AuthInfo, err error) {
	if err != nil {
		l.Err = err
		l.Step = ValidateError
		return
	}
	l.Auth, l.Err = info, nil
	l.RefusedTail = ""
	l.Choice = Choice{}
	l.Projects, l.ProjectsErr, l.ProjectsLoaded = nil, nil, false
	l.Step = TokenType
}

// Accepted is what is said when the token passed.
func (l *Login) Accepted() string {
	return fmt.Sprintf("Token accepted for %s (stack %d).", authclient.SafeText(l.StackURL), l.Auth.StackID)
}

// Recovery is one way out of ValidateError.
type Recovery int

const (
	Retry       Recovery = iota // check the same token again
	NewToken                    // paste another token: the refused one is dropped
	EditToken                   // change the token typed
	ChangeStack                 // change the stack
)

// Label names a recovery as a choice.
func (r Recovery) Label() string {
	switch r {
	case Retry:
		return "Try again"
	case NewToken:
		return "Paste another token"
	case EditToken:
		return "Change the token"
	}
	return "Change the stack"
}

// Remedies are the ways out of ValidateError for the failure, the first
// being the default.
func (l *Login) Remedies() []Recovery {
	switch RemedyFor(l.Err) {
	case RemedyNewToken:
		return []Recovery{NewToken}
	case RemedyOtherStack:
		return []Recovery{ChangeStack, EditToken}
	}
	return []Recovery{Retry, EditToken, ChangeStack}
}

// Recover leaves ValidateError the chosen way.
func (l *Login) Recover(r Recovery) {
	switch r {
	case Retry:
		l.Step = Validating
	case NewToken:
		l.RefusedTail = TokenTail(l.Token)
		l.Token = ""
		l.Step = Token
	case EditToken:
		l.Step = Token
	default:
		l.Step = Stack
	}
}

// SetMode takes the answer to the TokenType question.
func (l *Login) SetMode(m configstore.TokenMode) {
	l.Mode = m
	l.Step = Project
}

// SetProjects takes the reply to the project list request.
func (l *Login) SetProjects(ps []authclient.Project, err error) {
	l.ProjectsLoaded, l.ProjectsErr = true, err
	l.Projects = ps
	if err != nil {
		l.Projects = nil
	}
}

// ProjectQuestion is the question of the Project step, and the warning when
// the list could not be loaded.
func (l *Login) ProjectQuestion() (question, warning string) {
	question = fmt.Sprintf("Which project should k6 cloud runs go to? Follow the stack's default (now %d), or pin a project.", l.Auth.DefaultProjectID)
	if l.Mode == configstore.TokenModeStack {
		question = fmt.Sprintf("A stack token needs a project ID: pin one. The stack's default is %d.", l.Auth.DefaultProjectID)
	}
	if l.ProjectsLoaded && l.ProjectsErr != nil {
		warning = "The project list could not be loaded: " + Describe(l.ProjectsErr).What
	}
	return question, warning
}

// NeedsTypedID reports whether a project can only be given by its ID: the
// list failed and a stack token has no default to fall back on.
func (l *Login) NeedsTypedID() bool {
	return l.ProjectsLoaded && l.ProjectsErr != nil && l.Mode == configstore.TokenModeStack
}

// ProjectItem is one entry of the project list.
type ProjectItem struct {
	UseDefault bool // "follow the stack's default": projectID stays out of the file
	ID         int64
	Name       string // as the API sent it; Label is the safe text to show
	Label      string
	Filter     string // lower-case name and "#id", what a search matches
}

// NewProjectItem is a project as a list entry.
func NewProjectItem(p authclient.Project) ProjectItem {
	name := authclient.SafeText(p.Name)
	if name == "" {
		name = "(no name)"
	}
	label := name + "  #" + strconv.FormatInt(p.ID, 10)
	if p.IsDefault {
		label += "  (default)"
	}
	return ProjectItem{ID: p.ID, Name: p.Name, Label: label,
		Filter: strings.ToLower(p.Name) + " #" + strconv.FormatInt(p.ID, 10)}
}

// ProjectItems is the list for the token mode: a personal token is offered
// the stack's default first, a stack token only real projects. selected is
// the entry to start on: what was chosen before, else the default.
func (l *Login) ProjectItems() (items []ProjectItem, selected int) {
	items = make([]ProjectItem, 0, len(l.Projects)+1)
	if l.Mode != configstore.TokenModeStack {
		id := strconv.FormatInt(l.Auth.DefaultProjectID, 10)
		items = append(items, ProjectItem{UseDefault: true, ID: l.Auth.DefaultProjectID,
			Label:  "Follow the stack's default (now #" + id + ")",
			Filter: "follow the stack's default project #" + id})
	}
	found := false
	for _, p := range l.Projects {
		if l.Mode == configstore.TokenModeStack && !found && (p.IsDefault || p.ID == l.Auth.DefaultProjectID) {
			selected, found = len(items), true
		}
		items = append(items, NewProjectItem(p))
	}
	if l.Choice.Set {
		for i, it := range items {
			if it.UseDefault == l.Choice.UseDefault && (it.UseDefault || it.ID == l.Choice.ID) {
				return items, i
			}
		}
	}
	return items, selected
}

// Leading is how many entries of ProjectItems come before the projects.
func (l *Login) Leading() int {
	if l.Mode != configstore.TokenModeStack {
		return 1
	}
	return 0
}

// Search is the entries whose name holds text, ignoring case ("0042" finds
// "Project 0042"); the stack's default entry is not a name.
func Search(items []ProjectItem, text string) []ProjectItem {
	text = strings.ToLower(text)
	var out []ProjectItem
	for _, it := range items {
		if !it.UseDefault && strings.Contains(strings.ToLower(it.Name), text) {
			out = append(out, it)
		}
	}
	return out
}

// Choose takes a project from the list.
func (l *Login) Choose(it ProjectItem) {
	l.Choice = Choice{Set: true, UseDefault: it.UseDefault, ID: it.ID, Name: it.Name}
	l.Step = Review
}

// ParseProjectID reads a typed project ID: a whole number above zero.
func ParseProjectID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}

// BadProjectID is what is said about a typed ID that is not a number.
const BadProjectID = "A project ID is a whole number, like 4242."

// ProjectChecked takes the reply to looking a typed project ID up; the error
// says why it cannot be used.
func (l *Login) ProjectChecked(id int64, p authclient.Project, err error) error {
	if err != nil {
		if KindOf(err) == authclient.KindProjectNotFound {
			return fmt.Errorf("There is no project %d in this stack.", id)
		}
		f := Describe(err)
		return errors.New(f.What + " " + f.Hint)
	}
	if p.ID == 0 {
		p.ID = id
	}
	l.Choice = Choice{Set: true, ID: p.ID, Name: p.Name}
	l.Step = Review
	return nil
}

// Back goes one step back; at Stack it goes to Welcome (a face that started
// at Stack goes home instead).
func (l *Login) Back() {
	switch l.Step {
	case Stack:
		l.Step = Welcome
	case Token:
		l.Step = Stack
	case Validating, ValidateError, TokenType:
		l.Step = Token
	case Project:
		l.Step = TokenType
	case Review:
		l.Step = Project
	}
}

// Credentials are what the save writes. A stack token always names a
// project (the stack's default when none was chosen); a personal token
// leaves projectID out when the user chose the stack's default, so that k6
// follows the default if it changes.
func (l *Login) Credentials() configstore.Credentials {
	c := configstore.Credentials{Token: l.Token, StackID: l.Auth.StackID, StackURL: l.StackURL, DefaultProjectID: l.Auth.DefaultProjectID}
	switch {
	case l.Mode == configstore.TokenModeStack && (!l.Choice.Set || l.Choice.UseDefault):
		c.ProjectID = l.Auth.DefaultProjectID
	case l.Choice.Set && !l.Choice.UseDefault:
		c.ProjectID = l.Choice.ID
	}
	return c
}

// ProjectName is the name of the project chosen, recorded with the account;
// "" when k6 follows the stack's default.
func (l *Login) ProjectName() string {
	if l.Choice.Set && !l.Choice.UseDefault {
		return l.Choice.Name
	}
	return ""
}

// Summary is what Review shows will be written, and Saved that it was; the token masked.
func (l *Login) Summary() []Row {
	c := l.Credentials()
	return []Row{
		{Label: "Stack URL", Value: authclient.SafeText(c.StackURL)},
		{Label: "Stack ID", Value: strconv.FormatInt(c.StackID, 10)},
		{Label: "Token", Value: authclient.SafeText(configstore.MaskToken(c.Token))},
		{Label: "Token type", Value: ModeText(l.Mode)},
		{Label: "Project", Value: projectText(c.ProjectID, c.DefaultProjectID, l.ProjectName())},
		{Label: "Default project", Value: strconv.FormatInt(c.DefaultProjectID, 10)},
	}
}

// ReviewNote says what the save leaves alone.
const ReviewNote = "Only the login keys under collectors.cloud change; other settings are kept."

// HoldsLogin says what saving does to a config file that holds login c.
func HoldsLogin(c configstore.Credentials) string {
	return fmt.Sprintf("It already holds a login for %s (stack %d); saving replaces it and keeps every other setting.", authclient.SafeText(c.StackURL), c.StackID)
}

// Ready comes before NextCommand once k6 is logged in.
const Ready = "k6 is ready for cloud tests. Next, run:"

// NextCommand is what to run once k6 is logged in.
const NextCommand = "k6 cloud run script.js"

// SaveNotes are what a save did to the file beyond writing the login: it
// created it, or made it owner-only.
func SaveNotes(res configstore.SaveResult) []string {
	var notes []string
	if res.Created {
		notes = append(notes, "The file was created.")
	}
	if res.TightenedFrom != 0 {
		notes = append(notes, fmt.Sprintf("Its permissions were tightened from %04o to 0600: it holds a token.", res.TightenedFrom.Perm()))
	}
	return notes
}

func projectText(id, defaultID int64, name string) string {
	if id == 0 {
		return fmt.Sprintf("stack default (%d)", defaultID)
	}
	s := strconv.FormatInt(id, 10)
	if name != "" {
		s += " (" + authclient.SafeText(name) + ")"
	}
	return s
}
