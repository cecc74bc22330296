// Desktop notifications (the Notification API) for mentions and private messages that arrive
// while the tab is hidden; only after the user allowed them with the button.
export class Notifier {
  constructor(session, button, onOpen) {
    this.button = button;
    this.supported = 'Notification' in window;
    button.addEventListener('click', async () => {
      await Notification.requestPermission();
      this.update();
    });
    session.addEventListener('incoming', (e) => {
      const { conv, line, privately } = e.detail;
      if (!this.supported || Notification.permission !== 'granted') return;
      if (document.visibilityState !== 'hidden' || !(privately || line.mention)) return;
      const title = privately ? `${line.sender} (private)` : `${line.sender} in #${conv.title}`;
      const notification = new Notification(title, { body: line.text, tag: `chat-${line.serial}` });
      notification.addEventListener('click', () => {
        window.focus();
        onOpen(conv);
        notification.close();
      });
    });
    this.update();
  }

  update() {
    this.button.hidden = !this.supported || Notification.permission !== 'default';
  }
}
