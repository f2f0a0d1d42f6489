package main

import (
	"context"
	"errors"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// runWizard runs the interactive flow on the terminal.
func runWizard(ctx context.Context, opts *options, store *configstore.Store, api authclient.API) error {
	return errors.New("the wizard is not wired yet")
}
