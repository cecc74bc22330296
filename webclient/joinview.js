// The join form: a text field "Name" and a button "Join"; when the server asks (feature
// "accounts"), the name's password and the server's join password, with the refusal said
// plainly. Passwords live in the fields and the session's memory only.

// What to tell the user for a refusal, by error code (the server's message follows).
const EXPLAIN = {
  password_required: 'This name is registered. Enter its password to join.',
  auth_failed: 'Wrong password.',
  bad_server_password: 'This server needs its join password.',
  account_required: 'This server admits registered names only.',
  banned: 'You may not join.',
  rate_limited: 'Too many tries: wait a moment.',
  name_taken: 'That name is taken.',
  invalid_name: 'That name cannot be used.',
};

export class JoinView {
  constructor(session, el) {
    this.session = session;
    this.el = el;
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    session.addEventListener('refused', (e) => this.onRefused(e.detail));
    session.addEventListener('state', () => this.update());
    session.addEventListener('lost', (e) => {
      if (!session.everJoined && session.state === 'connecting') {
        this.el.error.textContent = `Cannot reach the server (${e.detail.reason}); trying again…`;
      }
    });
    this.update();
  }

  submit() {
    const name = this.el.name.value.trim();
    if (!name) {
      this.el.error.textContent = 'Enter a name.';
      this.el.name.focus();
      return;
    }
    this.el.error.textContent = '';
    this.session.join(name, {
      password: this.el.passwordRow.hidden ? '' : this.el.password.value,
      serverPassword: this.el.serverPasswordRow.hidden ? '' : this.el.serverPassword.value,
    });
  }

  onRefused({ code, message }) {
    if (code === 'password_required' || code === 'auth_failed') {
      this.el.passwordRow.hidden = false;
      this.el.password.value = '';
      this.el.password.focus();
    } else if (code === 'bad_server_password') {
      this.el.serverPasswordRow.hidden = false;
      this.el.serverPassword.value = '';
      this.el.serverPassword.focus();
    } else {
      this.el.name.focus();
    }
    const explained = EXPLAIN[code];
    this.el.error.textContent = explained && explained !== message
      ? `${explained} (${message})` : message;
  }

  update() {
    const state = this.session.state;
    const joining = state === 'connecting' || state === 'joining';
    this.el.submit.disabled = state === 'joining';
    this.el.status.textContent = joining && !this.session.everJoined ? 'Joining…' : '';
  }
}
