// The head of the conversation shown: its title, a room's topic and member count, changing the
// topic and leaving the room (feature "rooms").
export class RoomHead {
  // actions: {setTopic(room, topic) -> Promise<string error>, leaveRoom(room) -> Promise<string>}
  constructor(store, el, actions) {
    this.store = store;
    this.el = el;
    this.actions = actions;
    store.addEventListener('current', () => this.render());
    store.addEventListener('members', (e) => {
      if (e.detail.conv === store.current) this.render();
    });
    el.editTopic.addEventListener('click', () => this.openTopicForm());
    el.topicCancel.addEventListener('click', () => this.closeTopicForm());
    el.topicForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const conv = store.current;
      if (!conv || conv.kind !== 'room') return;
      const error = await actions.setTopic(conv.id, el.topicInput.value.trim());
      el.error.textContent = error;
      if (!error) this.closeTopicForm();
    });
    el.leaveRoom.addEventListener('click', async () => {
      const conv = store.current;
      if (conv && conv.kind === 'room') el.error.textContent = await actions.leaveRoom(conv.id);
    });
    this.render();
  }

  openTopicForm() {
    const conv = this.store.current;
    this.el.topicInput.value = conv ? conv.topic : '';
    this.el.topicForm.hidden = false;
    this.el.topicInput.focus();
  }

  closeTopicForm() {
    this.el.topicForm.hidden = true;
    this.el.error.textContent = '';
  }

  render() {
    const conv = this.store.current;
    const room = Boolean(conv && conv.kind === 'room');
    this.el.title.textContent = !conv ? 'Chat' : room ? `# ${conv.title}` : `@ ${conv.title}`;
    this.el.topic.textContent = room ? conv.topic : conv ? 'Private conversation' : '';
    const count = room ? conv.members.size : 0;
    this.el.members.textContent = room ? (count === 1 ? '1 member' : `${count} members`) : '';
    this.el.roomTools.hidden = !room;
    if (!room) this.el.topicForm.hidden = true;
  }
}
