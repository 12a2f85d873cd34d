// The host page's script at its worst: Array.prototype rewritten and the Map, Set, Promise and URL
// constructors replaced before any widget runs (what old libraries and polyfills did), then the
// widget configured from this page's query (?account=…).
(function () {
  var broken = function (what) {
    return function () {
      throw new Error('hostile page: ' + what + ' was replaced');
    };
  };
  ['map', 'filter', 'forEach', 'reduce', 'indexOf', 'includes', 'find', 'some', 'every', 'join', 'push', 'slice', 'splice', 'concat', 'sort'].forEach(
    function (name) {
      Object.defineProperty(Array.prototype, name, { value: broken('Array.prototype'), writable: true, configurable: true });
    },
  );
  Object.defineProperty(Array.prototype, 'hostileEnumerable', { value: 'x', enumerable: true, writable: true, configurable: true });
  var query = new URLSearchParams(location.search);
  window.parleyConfig = { account: query.get('account') || 'demo', csds: location.origin, lang: query.get('lang') || 'en' };
  window.Map = broken('Map');
  window.Set = broken('Set');
  window.Promise = broken('Promise');
  window.URL = broken('URL');
  // Proof that they are broken, for the test (Playwright's page.evaluate itself breaks on this page).
  var probes = '';
  var names = { Map: 1, Set: 1, Promise: 1, URL: 1 };
  for (var name in names) {
    try {
      new window[name]();
      probes += name + ' intact; ';
    } catch (e) {
      probes += e.message + '; ';
    }
  }
  document.documentElement.setAttribute('data-probes', probes);
  // A page listener queued before the loader arrives: it writes what it hears into #heard.
  window.Parley = {
    q: [
      [
        'on',
        'message',
        function (m) {
          var heard = document.getElementById('heard');
          if (heard) heard.textContent += m.originator + ': ' + m.text + '\n';
        },
      ],
    ],
  };
})();
