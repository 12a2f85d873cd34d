// The host page's script at its worst: Array.prototype rewritten before any widget runs (what old
// libraries did), then the widget configured from this page's query (?account=…).
(function () {
  var broken = function () {
    throw new Error('hostile page: Array.prototype was replaced');
  };
  ['map', 'filter', 'forEach', 'reduce', 'indexOf', 'includes', 'find', 'some', 'every', 'join', 'push', 'slice', 'splice', 'concat', 'sort'].forEach(
    function (name) {
      Object.defineProperty(Array.prototype, name, { value: broken, writable: true, configurable: true });
    },
  );
  Object.defineProperty(Array.prototype, 'hostileEnumerable', { value: 'x', enumerable: true, writable: true, configurable: true });
  var query = new URLSearchParams(location.search);
  window.parleyConfig = { account: query.get('account') || 'demo', csds: location.origin, lang: query.get('lang') || 'en' };
})();
