/** The portal's entry: styles (a file, as the CSP allows no inline style) and the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
