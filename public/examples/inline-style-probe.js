// Adds an inline <style> element: a strict style-src forbids it. The CSP test uses this to prove
// its violation watcher reports what the policy blocks.
document.head.appendChild(document.createElement('style')).textContent = 'body { outline: 1px solid red; }';
