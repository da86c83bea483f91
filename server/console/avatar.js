// Operators' pictures (docs/protocol.md section 8): the picture this server serves under the id
// a frame names, or nothing when there is none. The id is checked here: the address is built
// from it, and must never be anything but this server's own path.
const ID = /^[0-9a-f]{32}$/;

export function avatarId(value) {
  return typeof value === 'string' && ID.test(value) ? value : '';
}

// A round picture beside a name, so decorative: the name says who it is. Drawn as a background,
// not an <img>: the transcript holds no element but those the console makes for text.
export function avatarImage(id, className) {
  const valid = avatarId(id);
  if (!valid) return null;
  const picture = document.createElement('span');
  picture.className = `avatar ${className || ''}`.trim();
  picture.setAttribute('aria-hidden', 'true');
  picture.dataset.testid = 'avatar';
  picture.dataset.avatar = valid;
  picture.style.backgroundImage = `url("/v1/avatars/${valid}.png")`;
  return picture;
}
