import './style.css';

const app = document.querySelector('#app');
const stamp = document.createElement('p');
stamp.textContent = `Rendered at ${new Date().toLocaleString()}`;
app.append(stamp);
