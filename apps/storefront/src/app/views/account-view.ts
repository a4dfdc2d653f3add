import { DISPLAY_NAME_MAX_LENGTH } from '@ms/contracts-user-management/routes';
import { asApiError } from '../api/shop-api';
import { navigate } from '../navigation';
import { route } from '../router-link';
import { sessionFrom } from '../session/session-store';
import { api, session } from '../state';
import { byTestId } from '../ui/dom';
import { formField, submittedForm } from '../ui/forms';
import { showMessage } from '../ui/messages';

/** The account forms' limits, from the contract (the browser then stops at them as the API would). */
export function applyAccountLimits(): void {
  const name = formField(byTestId<HTMLFormElement>('register-form'), 'displayName');
  if (name instanceof HTMLInputElement) name.maxLength = DISPLAY_NAME_MAX_LENGTH;
}

export function onLogin(event: Event): void {
  const form = submittedForm(event);
  const button = byTestId<HTMLButtonElement>('login-submit');
  button.disabled = true;
  const password = formField(form, 'password');
  api
    .logIn({ email: formField(form, 'email').value, password: password.value })
    .then(
      (answer) => {
        session.set(sessionFrom(answer));
        password.value = '';
        navigate(session.takeAfterLogin(), `Welcome back, ${answer.user.displayName}.`, 'success');
      },
      (error: unknown) => {
        const failure = asApiError(error);
        showMessage(failure.status === 401 ? 'Wrong email or password.' : failure.message, 'error');
      },
    )
    .finally(() => (button.disabled = false));
}

export function onRegister(event: Event): void {
  const form = submittedForm(event);
  const button = byTestId<HTMLButtonElement>('register-submit');
  button.disabled = true;
  const email = formField(form, 'email').value;
  api
    .register({ email, password: formField(form, 'password').value, displayName: formField(form, 'displayName').value })
    .then(
      () => {
        form.reset();
        byTestId<HTMLInputElement>('login-email').value = email;
        navigate(route.login, 'Your account is ready: log in to continue.', 'success');
      },
      (error: unknown) => showMessage(asApiError(error).message, 'error'),
    )
    .finally(() => (button.disabled = false));
}
