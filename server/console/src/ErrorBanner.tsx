// The console's last failed action, as a dismissable alert (nothing when there is none).
import { clearError, useLastError } from './errors';

export function ErrorBanner() {
  const error = useLastError();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <span>{error}</span>
      <button type="button" onClick={clearError}>
        Dismiss
      </button>
    </div>
  );
}
